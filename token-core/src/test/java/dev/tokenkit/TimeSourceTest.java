package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tokenkit.internal.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** {@link TimeSource}: the Caffeine ticker derived from the service clock. */
class TimeSourceTest {

  @Test
  void aSystemClockOfAnyZoneUsesCaffeinesMonotonicSystemTicker() {
    assertThat(new TimeSource(Clock.systemUTC()).ticker()).isSameAs(Ticker.systemTicker());
    assertThat(new TimeSource(Clock.system(ZoneId.of("Europe/Berlin"))).ticker()).isSameAs(Ticker.systemTicker());
  }

  @Test
  void anyOtherClockDrivesTheTickerInMillisecondsFromItsFirstReading() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.123456789Z"));
    TimeSource time = new TimeSource(clock);
    assertThat(time.ticker()).isNotSameAs(Ticker.systemTicker());
    assertThat(time.ticker().read()).isZero();

    clock.advance(Duration.ofSeconds(90).plusNanos(500_000));
    assertThat(time.ticker().read()).as("millisecond resolution").isEqualTo(Duration.ofSeconds(90).toNanos());
    assertThat(time.now()).isEqualTo(Instant.parse("2026-03-01T10:01:30.123Z"));

    clock.advance(Duration.ofSeconds(-91));
    assertThat(time.ticker().read()).as("follows the clock when it is set back").isEqualTo(-1_000_000_000L);
  }
}
