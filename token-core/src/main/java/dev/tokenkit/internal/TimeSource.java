package dev.tokenkit.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one time source of a {@code TokenService}: its injected {@link Clock} for instants, and a Caffeine
 * {@link Ticker} derived from that clock for the expiry of the verification cache, the negative cache, the failure
 * throttle window and the audit de-duplication. A test that moves a fake clock therefore moves all of them, with no
 * sleeping.
 *
 * <p>Ticker resolution: for a system clock ({@link Clock#systemUTC()}, {@link Clock#systemDefaultZone()}, any zone)
 * the ticker is {@link Ticker#systemTicker()} ({@code System.nanoTime}: monotonic, nanoseconds), exactly what
 * Caffeine uses by default. For any other clock it reads {@link Clock#millis()}: millisecond resolution, counted
 * from the clock's reading when this time source was made, and it follows the clock wherever it is set (set back,
 * entries live longer; set forward, they expire at once). Immutable and thread-safe.
 */
public final class TimeSource {
  private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

  private final Clock clock;
  private final Ticker ticker;

  /**
   * Derives the ticker from a clock.
   *
   * @param clock the clock; never {@code null}
   */
  public TimeSource(Clock clock) {
    this.clock = clock;
    this.ticker = clock.getClass() == SYSTEM_CLOCK ? Ticker.systemTicker() : new ClockTicker(clock);
  }

  /**
   * The injected clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The Caffeine ticker derived from the clock.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * The current instant in milliseconds, the precision stores keep.
   *
   * @return now, truncated to milliseconds
   */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * An instant in milliseconds, the precision stores keep.
   *
   * @param instant the instant, or {@code null}
   * @return the instant truncated to milliseconds, or {@code null}
   */
  public static Instant truncate(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Nanoseconds from a clock's milliseconds, counted from the first reading. */
  private static final class ClockTicker implements Ticker {
    private final Clock clock;
    private final long originMillis;

    ClockTicker(Clock clock) {
      this.clock = clock;
      this.originMillis = clock.millis();
    }

    @Override
    public long read() {
      return (clock.millis() - originMillis) * 1_000_000L;
    }
  }
}
