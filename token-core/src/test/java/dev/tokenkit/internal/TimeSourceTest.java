package dev.tokenkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeSourceTest {

  @Test
  void aSystemClockOfAnyZoneUsesCaffeinesMonotonicSystemTicker() {
    assertThat(new TimeSource(Clock.systemUTC()).ticker()).isSameAs(Ticker.systemTicker());
    assertThat(new TimeSource(Clock.system(ZoneId.of("Europe/Berlin"))).ticker()).isSameAs(Ticker.systemTicker());
  }

  @Test
  void anyOtherClockDrivesTheTickerInMillisecondsFromItsFirstReading() {
    Instant start = Instant.parse("2026-03-01T10:00:00.123456789Z");
    Clock[] now = {Clock.fixed(start, ZoneOffset.UTC)};
    Clock moving = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0].instant();
      }
    };
    TimeSource time = new TimeSource(moving);
    assertThat(time.ticker()).isNotSameAs(Ticker.systemTicker());
    assertThat(time.ticker().read()).isZero();

    now[0] = Clock.offset(now[0], Duration.ofSeconds(90).plusNanos(500_000));
    assertThat(time.ticker().read()).as("millisecond resolution").isEqualTo(Duration.ofSeconds(90).toNanos());
    assertThat(time.now()).isEqualTo(Instant.parse("2026-03-01T10:01:30.123Z"));

    now[0] = Clock.fixed(start.minusSeconds(1), ZoneOffset.UTC);
    assertThat(time.ticker().read()).as("follows the clock when it is set back").isEqualTo(-1_000_000_000L);
  }
}
