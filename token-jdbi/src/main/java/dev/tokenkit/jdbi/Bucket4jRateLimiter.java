package dev.tokenkit.jdbi;

import dev.tokenkit.ratelimit.RateLimit;
import dev.tokenkit.ratelimit.RateLimitDecision;
import dev.tokenkit.spi.RateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A {@link RateLimiter} shared by every node of a cluster: Bucket4j's token buckets stored in PostgreSQL through
 * the host's {@link DataSource} ({@code SELECT ... FOR UPDATE} per request, so all nodes count against one bucket
 * and nobody gets more than the quota). The table {@code <prefix>rate_limits} is created by
 * {@link JdbiTokenStore#migrate()} (migration V5). PostgreSQL only: Bucket4j's SQL is PostgreSQL's.
 *
 * <p>Needs {@code com.bucket4j:bucket4j_jdk17-core} and {@code com.bucket4j:bucket4j_jdk17-postgresql} on the
 * classpath (optional dependencies of {@code token-jdbi}). Every request costs one short transaction on the
 * database; see BENCHMARKS.md. Rows of idle buckets get an expiry; call {@link #removeExpired(int)} now and then
 * (e.g. every minute) to delete them. Thread-safe.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.builder(Bucket4jRateLimiter.builder(dataSource).build())
 *     .perToken(RateLimit.perMinute(100)).perOwner(RateLimit.perMinute(1_000)).build();
 * }</pre>
 */
public final class Bucket4jRateLimiter implements RateLimiter {
  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
  private final Map<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

  private Bucket4jRateLimiter(Builder b) {
    TableNames tables = new TableNames(b.tablePrefix);
    this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(b.dataSource)
        .primaryKeyMapper(PrimaryKeyMapper.STRING)
        .table(tables.rateLimits).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(b.keepFull))
        .build();
  }

  /**
   * A builder over the host's DataSource (a pooled one, the same database as the {@link JdbiTokenStore}).
   *
   * @param dataSource a PostgreSQL DataSource; never {@code null}
   * @return the builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public RateLimitDecision tryConsume(String key, RateLimit limit) {
    Objects.requireNonNull(key, "key");
    BucketConfiguration configuration = configurations.computeIfAbsent(Objects.requireNonNull(limit, "limit"),
        l -> BucketConfiguration.builder()
            .addLimit(b -> b.capacity(l.quota()).refillGreedy(l.quota(), l.window())).build());
    ConsumptionProbe probe = buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    long reset = RateLimitDecision.ceilSeconds(probe.getNanosToWaitForReset());
    if (probe.isConsumed()) {
      return new RateLimitDecision(true, probe.getRemainingTokens(), reset, 0);
    }
    long retry = Math.max(1, RateLimitDecision.ceilSeconds(probe.getNanosToWaitForRefill()));
    return new RateLimitDecision(false, Math.max(0, probe.getRemainingTokens()), reset, retry);
  }

  /**
   * Deletes rows of buckets that have been full (idle) for a while.
   *
   * @param max the most rows to delete in this call, {@code >= 1}
   * @return the rows deleted
   */
  public int removeExpired(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, e.g. 1000");
    }
    return buckets.removeExpired(max);
  }

  /** Configures a {@link Bucket4jRateLimiter}; not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private String tablePrefix = JdbiTokenStore.DEFAULT_TABLE_PREFIX;
    private Duration keepFull = Duration.ofMinutes(1);

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * The table prefix; the same as the store's (default {@value JdbiTokenStore#DEFAULT_TABLE_PREFIX}).
     *
     * @param prefix empty or a lowercase letter followed by at most 29 lowercase letters, digits or '_'
     * @return this builder
     * @throws IllegalArgumentException when the prefix is not valid
     */
    public Builder tablePrefix(String prefix) {
      new TableNames(prefix);
      this.tablePrefix = prefix;
      return this;
    }

    /**
     * How long a row is kept after its bucket is full again before {@link #removeExpired(int)} may delete it
     * (default 1 minute).
     *
     * @param keep 0 to 1 day
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder keepFullBuckets(Duration keep) {
      Objects.requireNonNull(keep, "keep");
      if (keep.isNegative() || keep.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("keepFullBuckets must be between 0 and 1 day, e.g. Duration.ofMinutes(1)");
      }
      this.keepFull = keep;
      return this;
    }

    /**
     * Builds the limiter. The table must exist: run {@link JdbiTokenStore#migrate()} first.
     *
     * @return the limiter
     */
    public Bucket4jRateLimiter build() {
      return new Bucket4jRateLimiter(this);
    }
  }
}
