package dev.tokenkit.spring.metrics;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.FailureReason;
import dev.tokenkit.TokenService;
import dev.tokenkit.spi.AuditListener;
import dev.tokenkit.spi.MetricsListener;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.TokenServiceStatistics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.util.ClassUtils;

/**
 * TokenKit's Micrometer meters. Receives {@link MetricsListener} and {@link AuditListener} events from the
 * {@link TokenService} and reads gauges from it and its store. Meters:
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code tokenkit.verifications}</td><td>timer (count and latency)</td>
 *       <td>{@code outcome}: {@code verified} or the failure reason, e.g. {@code invalid_secret}</td></tr>
 *   <tr><td>{@code tokenkit.cache.gets}</td><td>function counter</td><td>{@code result}: {@code hit},
 *       {@code miss}</td></tr>
 *   <tr><td>{@code tokenkit.cache.size}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code tokenkit.last.use.pending}</td><td>gauge</td><td></td></tr>
 *   <tr><td>{@code tokenkit.last.use.flushes}</td><td>function timer (count and total time)</td><td></td></tr>
 *   <tr><td>{@code tokenkit.last.use.flush.failures}</td><td>function counter</td><td></td></tr>
 *   <tr><td>{@code tokenkit.management.operations}</td><td>counter</td><td>{@code type}: {@code issued},
 *       {@code updated}, {@code rotated}, {@code regenerated}, {@code disabled}, {@code enabled}, {@code revoked},
 *       {@code deleted}</td></tr>
 *   <tr><td>{@code tokenkit.change.feed.*}</td><td>see {@link ChangeFeedMeters}</td><td>JdbiTokenStore only</td></tr>
 * </table>
 *
 * <p>Events that arrive before a registry is bound are not counted. Thread-safe.
 */
public final class TokenKitMeters implements MeterBinder, MetricsListener, AuditListener {
  private static final boolean JDBI_PRESENT =
      ClassUtils.isPresent("dev.tokenkit.jdbi.JdbiTokenStore", TokenKitMeters.class.getClassLoader());

  private final Supplier<TokenService> tokens;
  private final Supplier<TokenStore> store;
  private final List<Bound> bound = new CopyOnWriteArrayList<>();

  /**
   * Creates the meters; they are registered by {@link #bindTo(MeterRegistry)}.
   *
   * @param tokens the service, looked up when a gauge is read (it is built after this object)
   * @param store the store, looked up when a gauge is read
   */
  public TokenKitMeters(Supplier<TokenService> tokens, Supplier<TokenStore> store) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("tokenkit.cache.size", tokens, t -> stats(t).cacheSize())
        .description("Verified tokens in the cache").register(registry);
    FunctionCounter.builder("tokenkit.cache.gets", tokens, t -> stats(t).cacheHits()).tag("result", "hit")
        .description("Verification cache lookups of well-formed tokens").register(registry);
    FunctionCounter.builder("tokenkit.cache.gets", tokens, t -> stats(t).cacheMisses()).tag("result", "miss")
        .description("Verification cache lookups of well-formed tokens").register(registry);
    Gauge.builder("tokenkit.last.use.pending", tokens, t -> stats(t).pendingLastUses())
        .description("Tokens whose last use is not written to the store yet").register(registry);
    FunctionTimer.builder("tokenkit.last.use.flushes", tokens, t -> stats(t).lastUseFlushes(),
            t -> stats(t).lastUseFlushNanos(), TimeUnit.NANOSECONDS)
        .description("Last-use write-behind flushes (failed ones included)").register(registry);
    FunctionCounter.builder("tokenkit.last.use.flush.failures", tokens, t -> stats(t).lastUseFlushFailures())
        .description("Last-use flushes whose store write failed").register(registry);
    if (JDBI_PRESENT) {
      ChangeFeedMeters.bind(store, registry);
    }
    bound.add(new Bound(registry));
  }

  @Override
  public void authenticated(FailureReason failure, long nanos) {
    for (Bound b : bound) {
      (failure == null ? b.verified : b.failed.get(failure)).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void onEvent(AuditEvent event) {
    if (event.type() == AuditEventType.AUTHENTICATION_FAILED) {
      return; // counted by tokenkit.verifications
    }
    for (Bound b : bound) {
      b.management.get(event.type()).increment();
    }
  }

  private static TokenServiceStatistics stats(Supplier<TokenService> tokens) {
    return tokens.get().statistics();
  }

  private static String tag(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The meters of one registry. */
  private static final class Bound {
    final Timer verified;
    final Map<FailureReason, Timer> failed = new EnumMap<>(FailureReason.class);
    final Map<AuditEventType, Counter> management = new EnumMap<>(AuditEventType.class);

    Bound(MeterRegistry registry) {
      verified = verification(registry, "verified");
      for (FailureReason reason : FailureReason.values()) {
        failed.put(reason, verification(registry, tag(reason)));
      }
      for (AuditEventType type : AuditEventType.values()) {
        if (type != AuditEventType.AUTHENTICATION_FAILED) {
          management.put(type, Counter.builder("tokenkit.management.operations").tag("type", tag(type))
              .description("Token management operations").register(registry));
        }
      }
    }

    private static Timer verification(MeterRegistry registry, String outcome) {
      return Timer.builder("tokenkit.verifications").tag("outcome", outcome)
          .description("Token verifications by outcome").register(registry);
    }
  }
}
