package dev.tokenkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryRateLimiter limiter = InMemoryRateLimiter.withClock(clock);

  @Test
  void allowsTheQuotaThenRefusesWithRetryAfter() {
    RateLimit limit = RateLimit.perMinute(3);
    assertThat(limiter.tryConsume("k", limit)).isEqualTo(new RateLimitDecision(true, 2, 20, 0));
    assertThat(limiter.tryConsume("k", limit).remaining()).isEqualTo(1);
    assertThat(limiter.tryConsume("k", limit)).isEqualTo(new RateLimitDecision(true, 0, 60, 0));
    RateLimitDecision refused = limiter.tryConsume("k", limit);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(20); // one unit per 20 s
    assertThat(refused.resetSeconds()).isEqualTo(60);
  }

  @Test
  void refillsContinuouslyOverTheWindow() {
    RateLimit limit = RateLimit.perMinute(2);
    limiter.tryConsume("k", limit);
    limiter.tryConsume("k", limit);
    assertThat(limiter.tryConsume("k", limit).allowed()).isFalse();
    clock.advance(Duration.ofSeconds(29));
    assertThat(limiter.tryConsume("k", limit).allowed()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryConsume("k", limit).allowed()).isTrue();
    clock.advance(Duration.ofHours(1));
    assertThat(limiter.tryConsume("k", limit).remaining()).isEqualTo(1); // never above the quota
  }

  @Test
  void keysAreIndependent() {
    RateLimit limit = RateLimit.perMinute(1);
    assertThat(limiter.tryConsume("a", limit).allowed()).isTrue();
    assertThat(limiter.tryConsume("a", limit).allowed()).isFalse();
    assertThat(limiter.tryConsume("b", limit).allowed()).isTrue();
  }

  @Test
  void concurrentCallersNeverGetMoreThanTheQuota() throws Exception {
    RateLimit limit = RateLimit.of(500, Duration.ofDays(1));
    AtomicInteger allowed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            if (limiter.tryConsume("shared", limit).allowed()) {
              allowed.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(allowed.get()).isEqualTo(500);
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> RateLimit.perMinute(0)).hasMessageContaining("between 1 and");
    assertThatThrownBy(() -> RateLimit.of(5, Duration.ofMillis(1500))).hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> RateLimit.of(5, Duration.ofDays(2))).hasMessageContaining("1 day");
  }
}
