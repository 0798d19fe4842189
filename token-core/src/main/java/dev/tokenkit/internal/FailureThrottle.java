package dev.tokenkit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failed secret checks per token id; past the limit within the window, presented secrets for that id are
 * rejected without running the (possibly slow) hasher, so a slow hasher cannot be turned into a CPU attack.
 */
public final class FailureThrottle {
  private final Cache<String, AtomicInteger> failures;
  private final int maxFailures;

  /**
   * Creates the throttle.
   *
   * @param maxFailures failures allowed per id per window
   * @param window the window, counted from the first failure
   */
  public FailureThrottle(int maxFailures, Duration window) {
    this.maxFailures = maxFailures;
    this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(1_000_000).build();
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
