package dev.tokenkit.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.ratelimit.RateLimit;
import dev.tokenkit.ratelimit.RateLimitDecision;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bucket4j on a real PostgreSQL: several limiter instances (nodes) share one bucket per key. */
@ExtendWith(EmbeddedPostgres.class)
class Bucket4jRateLimiterTest {

  private static String migrated(EmbeddedPostgres.Server pg) {
    String prefix = TestDatabases.newPrefix();
    JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix).build().migrate();
    return prefix;
  }

  @Test
  void countsAgainstTheQuotaAndAnswersRetryAfter(EmbeddedPostgres.Server pg) {
    Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder(pg.dataSource()).tablePrefix(migrated(pg)).build();
    RateLimit limit = RateLimit.perMinute(3);
    RateLimitDecision first = limiter.tryConsume("t:abc|3/60", limit);
    assertThat(first.allowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(2);
    assertThat(first.resetSeconds()).isBetween(1L, 20L);
    assertThat(limiter.tryConsume("t:abc|3/60", limit).allowed()).isTrue();
    assertThat(limiter.tryConsume("t:abc|3/60", limit).allowed()).isTrue();
    RateLimitDecision refused = limiter.tryConsume("t:abc|3/60", limit);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfterSeconds()).isBetween(1L, 20L);
    assertThat(limiter.tryConsume("t:other|3/60", limit).allowed()).isTrue();
  }

  @Test
  void nodesSharingTheDatabaseNeverAllowMoreThanTheQuota(EmbeddedPostgres.Server pg) throws Exception {
    String prefix = migrated(pg);
    List<Bucket4jRateLimiter> nodes = List.of(
        Bucket4jRateLimiter.builder(pg.dataSource()).tablePrefix(prefix).build(),
        Bucket4jRateLimiter.builder(pg.dataSource()).tablePrefix(prefix).build(),
        Bucket4jRateLimiter.builder(pg.dataSource()).tablePrefix(prefix).build());
    RateLimit limit = RateLimit.of(50, Duration.ofDays(1));
    AtomicInteger allowed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        Bucket4jRateLimiter node = nodes.get(t % nodes.size());
        runs.add(pool.submit(() -> {
          for (int i = 0; i < 20; i++) {
            if (node.tryConsume("o:alice|50/86400", limit).allowed()) {
              allowed.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : runs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(allowed.get()).isEqualTo(50);
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + prefix + "rate_limits")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void removesExpiredRows(EmbeddedPostgres.Server pg) throws Exception {
    String prefix = migrated(pg);
    Bucket4jRateLimiter limiter = Bucket4jRateLimiter.builder(pg.dataSource()).tablePrefix(prefix)
        .keepFullBuckets(Duration.ZERO).build();
    limiter.tryConsume("t:short|1000/1", RateLimit.of(1000, Duration.ofSeconds(1)));
    Thread.sleep(1100); // the bucket is full again after its 1-second window
    assertThat(limiter.removeExpired(100)).isEqualTo(1);
  }

  @Test
  void validatesItsSettings(EmbeddedPostgres.Server pg) {
    assertThatThrownBy(() -> Bucket4jRateLimiter.builder(pg.dataSource()).tablePrefix("Bad-Prefix"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tablePrefix");
    assertThatThrownBy(() -> Bucket4jRateLimiter.builder(pg.dataSource()).keepFullBuckets(Duration.ofDays(2)))
        .hasMessageContaining("keepFullBuckets");
  }
}
