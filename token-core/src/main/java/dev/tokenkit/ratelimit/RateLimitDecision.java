package dev.tokenkit.ratelimit;

/**
 * One {@link dev.tokenkit.spi.RateLimiter} answer. Immutable value.
 *
 * @param allowed whether the request may proceed (one unit was taken)
 * @param remaining units left after this request, {@code >= 0}
 * @param resetSeconds seconds until the bucket is full again, {@code >= 0} (the draft's {@code t})
 * @param retryAfterSeconds when refused, seconds until one unit is available, {@code >= 1}; 0 when allowed
 */
public record RateLimitDecision(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {
  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException when negative, or a refusal without a retry delay
   */
  public RateLimitDecision {
    if (remaining < 0 || resetSeconds < 0 || retryAfterSeconds < 0 || (!allowed && retryAfterSeconds < 1)) {
      throw new IllegalArgumentException("remaining, resetSeconds and retryAfterSeconds must be >= 0 and a refusal"
          + " needs retryAfterSeconds >= 1");
    }
  }

  /**
   * Whole seconds, rounded up, for a duration in nanoseconds.
   *
   * @param nanos nanoseconds, negative counts as 0
   * @return seconds, rounded up
   */
  public static long ceilSeconds(long nanos) {
    if (nanos <= 0) {
      return 0;
    }
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
