package dev.tokenkit.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate limit: at most {@code quota} requests per {@code window}, refilled continuously (a token bucket of
 * capacity {@code quota} refilling {@code quota} units per window), e.g. 100 requests per minute. Immutable value.
 *
 * <pre>{@code
 * RateLimit limit = RateLimit.perMinute(100);
 * RateLimit hourly = RateLimit.of(5_000, Duration.ofHours(1));
 * }</pre>
 *
 * @param quota the requests allowed per window, 1 to 1,000,000,000
 * @param window the window, 1 second to 1 day in whole seconds
 */
public record RateLimit(long quota, Duration window) {
  /** The largest quota. */
  public static final long MAX_QUOTA = 1_000_000_000L;

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException when out of range
   */
  public RateLimit {
    Objects.requireNonNull(window, "window");
    if (quota < 1 || quota > MAX_QUOTA) {
      throw new IllegalArgumentException("rate-limit quota must be between 1 and " + MAX_QUOTA + ", got " + quota
          + "; e.g. RateLimit.perMinute(100)");
    }
    if (window.getNano() != 0 || window.getSeconds() < 1 || window.getSeconds() > 86_400) {
      throw new IllegalArgumentException("rate-limit window must be whole seconds between 1 second and 1 day, got "
          + window + "; e.g. Duration.ofMinutes(1)");
    }
  }

  /**
   * {@code quota} requests per {@code window}.
   *
   * @param quota 1 to 1,000,000,000
   * @param window 1 second to 1 day, whole seconds
   * @return the limit
   * @throws IllegalArgumentException when out of range
   */
  public static RateLimit of(long quota, Duration window) {
    return new RateLimit(quota, window);
  }

  /**
   * {@code quota} requests per minute.
   *
   * @param quota 1 to 1,000,000,000
   * @return the limit
   * @throws IllegalArgumentException when out of range
   */
  public static RateLimit perMinute(long quota) {
    return new RateLimit(quota, Duration.ofMinutes(1));
  }

  /**
   * The window in seconds.
   *
   * @return 1 to 86,400
   */
  public long windowSeconds() {
    return window.getSeconds();
  }
}
