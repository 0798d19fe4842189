package dev.tokenkit.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tokenkit.spi.RateLimiter;
import java.time.Clock;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A {@link RateLimiter} for one node: a token bucket per key in memory (capacity = quota, refilled continuously at
 * quota per window). Buckets idle for a whole window are full again and are dropped; at most
 * {@value #MAX_KEYS} keys are kept (the least recently used go first, which forgives their usage). With several
 * nodes each node counts on its own, so a client may get up to {@code nodes × quota} per window: use
 * {@code dev.tokenkit.jdbi.ratelimit.Bucket4jRateLimiter} there. Thread-safe; one lock per bucket, no I/O.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.builder(InMemoryRateLimiter.create()).perToken(RateLimit.perMinute(100)).build();
 * }</pre>
 */
public final class InMemoryRateLimiter implements RateLimiter {
  /** The most buckets kept at once. */
  public static final int MAX_KEYS = 1_000_000;

  private final LongSupplier nanos;
  private final Cache<String, Bucket> buckets;

  private InMemoryRateLimiter(LongSupplier nanos) {
    this.nanos = nanos;
    this.buckets = Caffeine.newBuilder().maximumSize(MAX_KEYS).ticker(nanos::getAsLong)
        .expireAfter(new IdleWindow()).build();
  }

  /**
   * A limiter on the system's monotonic clock.
   *
   * @return a new, empty limiter
   */
  public static InMemoryRateLimiter create() {
    return new InMemoryRateLimiter(System::nanoTime);
  }

  /**
   * A limiter on the given clock (millisecond resolution), e.g. a test clock.
   *
   * @param clock the clock; never {@code null}
   * @return a new, empty limiter
   */
  public static InMemoryRateLimiter withClock(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new InMemoryRateLimiter(() -> clock.millis() * 1_000_000L);
  }

  @Override
  public RateLimitDecision tryConsume(String key, RateLimit limit) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(limit, "limit");
    long now = nanos.getAsLong();
    Bucket bucket = buckets.get(key, k -> new Bucket(limit, now));
    return bucket.tryConsume(now);
  }

  /** A token bucket; guarded by its own lock. */
  static final class Bucket {
    private final long quota;
    private final long windowNanos;
    private final double perNano;
    private double available;
    private long last;

    Bucket(RateLimit limit, long now) {
      this.quota = limit.quota();
      this.windowNanos = limit.window().toNanos();
      this.perNano = (double) quota / windowNanos;
      this.available = quota;
      this.last = now;
    }

    synchronized RateLimitDecision tryConsume(long now) {
      if (now > last) {
        available = Math.min(quota, available + (now - last) * perNano);
        last = now;
      }
      boolean allowed = available >= 1.0;
      if (allowed) {
        available -= 1.0;
      }
      long reset = RateLimitDecision.ceilSeconds((long) Math.ceil((quota - available) / perNano));
      long retry = allowed ? 0 : Math.max(1, RateLimitDecision.ceilSeconds((long) Math.ceil((1.0 - available) / perNano)));
      return new RateLimitDecision(allowed, (long) Math.floor(available), reset, retry);
    }
  }

  /** Drops a bucket one window after its last use, when it would be full again anyway. */
  private static final class IdleWindow implements Expiry<String, Bucket> {
    @Override
    public long expireAfterCreate(String key, Bucket value, long currentTime) {
      return value.windowNanos;
    }

    @Override
    public long expireAfterUpdate(String key, Bucket value, long currentTime, long currentDuration) {
      return value.windowNanos;
    }

    @Override
    public long expireAfterRead(String key, Bucket value, long currentTime, long currentDuration) {
      return value.windowNanos;
    }
  }
}
