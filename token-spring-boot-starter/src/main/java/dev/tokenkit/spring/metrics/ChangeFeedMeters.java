package dev.tokenkit.spring.metrics;

import dev.tokenkit.jdbi.ChangeFeedStatistics;
import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.spi.TokenStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The change-feed meters of a {@link JdbiTokenStore} (loaded only when token-jdbi is on the classpath):
 * {@code tokenkit.change.feed.lag} (time gauge: commit to arrival of the latest change received),
 * {@code tokenkit.change.feed.reconnects} (function counter) and {@code tokenkit.change.feed.listening} (1 while
 * the PostgreSQL LISTEN connection is up). A store of another kind gets none.
 */
final class ChangeFeedMeters {
  private ChangeFeedMeters() {}

  static void bind(Supplier<TokenStore> store, MeterRegistry registry) {
    if (!(store.get() instanceof JdbiTokenStore jdbi)) {
      return;
    }
    TimeGauge.builder("tokenkit.change.feed.lag", jdbi, TimeUnit.SECONDS, s -> seconds(s.changeFeedStatistics()))
        .description("Commit-to-arrival time of the latest change received from other nodes").register(registry);
    FunctionCounter.builder("tokenkit.change.feed.reconnects", jdbi, s -> s.changeFeedStatistics().reconnects())
        .description("Re-established LISTEN connections").register(registry);
    Gauge.builder("tokenkit.change.feed.listening", jdbi, s -> s.changeFeedStatistics().listening() ? 1 : 0)
        .description("1 while the PostgreSQL LISTEN connection is up").register(registry);
  }

  private static double seconds(ChangeFeedStatistics statistics) {
    Duration lag = statistics.lastLag();
    return lag == null ? 0 : lag.toNanos() / 1e9;
  }
}
