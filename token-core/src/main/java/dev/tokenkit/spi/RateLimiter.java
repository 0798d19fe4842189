package dev.tokenkit.spi;

import dev.tokenkit.ratelimit.RateLimit;
import dev.tokenkit.ratelimit.RateLimitDecision;

/**
 * Counts requests against a {@link RateLimit} per key and answers whether one more is allowed. TokenKit ships
 * {@link dev.tokenkit.ratelimit.InMemoryRateLimiter} (one node) and, in {@code token-jdbi},
 * {@code dev.tokenkit.jdbi.ratelimit.Bucket4jRateLimiter} (several nodes sharing PostgreSQL through Bucket4j).
 *
 * <p>Implementations are thread-safe and called on the request path: they must answer quickly and never throw for
 * an ordinary key. When the backing engine is unreachable they throw a {@link RuntimeException}; the caller
 * ({@link dev.tokenkit.ratelimit.RateLimits}) then lets the request through (fails open) and logs it, so that a
 * rate-limit outage never locks out every client.
 *
 * <pre>{@code
 * RateLimitDecision d = limiter.tryConsume("t:AbC123", RateLimit.perMinute(100));
 * if (!d.allowed()) { answer429(d.retryAfterSeconds()); }
 * }</pre>
 */
public interface RateLimiter {
  /**
   * Takes one unit from the bucket of {@code key}, created full on first use with {@code limit}.
   *
   * @param key a stable key, at most 200 characters; never {@code null}. The same key with a different limit is a
   *     different bucket only if the implementation says so; {@link dev.tokenkit.ratelimit.RateLimits} puts the
   *     limit into the key
   * @param limit the quota and window; never {@code null}
   * @return the decision; never {@code null}
   * @throws RuntimeException when the backing engine cannot be reached
   */
  RateLimitDecision tryConsume(String key, RateLimit limit);
}
