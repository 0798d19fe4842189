package dev.tokenkit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failed secret checks per token id; past the limit within the window, presented secrets for that id are
 * rejected without running the (possibly slow) hasher, so a slow hasher cannot be turned into a CPU attack. Only
 * hashes whose hasher {@linkplain dev.tokenkit.spi.SecretHasher#isExpensiveToVerify() is expensive} are refused.
 */
public final class FailureThrottle {
  private final Cache<String, AtomicInteger> failures;
  private final int maxFailures;

  /**
   * Creates the throttle.
   *
   * @param maxFailures failures allowed per id per window
   * @param window the window, counted from the first failure
   * @param ticker the time source of the window (the service's, see {@link TimeSource#ticker()})
   */
  public FailureThrottle(int maxFailures, Duration window, Ticker ticker) {
    this.maxFailures = maxFailures;
    this.failures = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(window).maximumSize(1_000_000).build();
  }

  /**
   * Whether the id is over the limit.
   *
   * @param id the token id
   * @return {@code true} when further checks must be refused
   */
  public boolean isBlocked(String id) {
    AtomicInteger count = failures.getIfPresent(id);
    return count != null && count.get() >= maxFailures;
  }

  /**
   * Counts one failure.
   *
   * @param id the token id
   * @return the count in the current window
   */
  public int recordFailure(String id) {
    return failures.get(id, k -> new AtomicInteger()).incrementAndGet();
  }
}
