package dev.tokenkit.ratelimit;

import dev.tokenkit.VerifiedToken;
import dev.tokenkit.spi.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which rate limits apply to a verified token: one per token (the same for all, or chosen per token, e.g. by
 * role), and optionally one per owner shared by all the owner's tokens. Both are counted by one
 * {@link RateLimiter}. The servlet filter calls {@link #check(VerifiedToken)} after authentication and answers 429
 * when it refuses; other hosts call it themselves. When the limiter fails (its database is down) the request is
 * allowed and a warning is logged: a rate-limit outage must not lock every client out.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * RateLimits limits = RateLimits.builder(InMemoryRateLimiter.create())
 *     .perToken(RateLimit.perMinute(100))
 *     .perOwner(RateLimit.perMinute(1_000))
 *     .build();
 * TokenAuthFilter.builder(tokens).routes(routes).rateLimits(limits).build();
 * }</pre>
 */
public final class RateLimits {
  /** The policy name of the per-token limit in {@code RateLimit-Policy} headers. */
  public static final String TOKEN_POLICY = "token";
  /** The policy name of the per-owner limit in {@code RateLimit-Policy} headers. */
  public static final String OWNER_POLICY = "owner";

  private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);

  private final RateLimiter limiter;
  private final Function<VerifiedToken, RateLimit> perToken;
  private final Function<VerifiedToken, RateLimit> perOwner;

  private RateLimits(Builder b) {
    this.limiter = b.limiter;
    this.perToken = b.perToken;
    this.perOwner = b.perOwner;
  }

  /**
   * A builder counting with the given limiter.
   *
   * @param limiter e.g. {@link InMemoryRateLimiter#create()}; never {@code null}
   * @return the builder
   */
  public static Builder builder(RateLimiter limiter) {
    return new Builder(Objects.requireNonNull(limiter, "limiter"));
  }

  /**
   * Counts one request of {@code token} against its limits: first the token's own, then (only when that allowed
   * it) its owner's.
   *
   * @param token the verified token; never {@code null}
   * @return the decisions; {@link RateLimitResult#NONE} when no limit applies
   */
  public RateLimitResult check(VerifiedToken token) {
    Objects.requireNonNull(token, "token");
    RateLimit own = perToken == null ? null : perToken.apply(token);
    RateLimit shared = perOwner == null ? null : perOwner.apply(token);
    if (own == null && shared == null) {
      return RateLimitResult.NONE;
    }
    List<RateLimitResult.Check> checks = new ArrayList<>(2);
    if (own != null) {
      RateLimitDecision d = consume(keyOf("t:", token.id(), own), own);
      checks.add(new RateLimitResult.Check(TOKEN_POLICY, own, d));
      if (!d.allowed()) {
        return new RateLimitResult(checks);
      }
    }
    if (shared != null) {
      checks.add(new RateLimitResult.Check(OWNER_POLICY, shared, consume(keyOf("o:", token.owner(), shared), shared)));
    }
    return new RateLimitResult(checks);
  }

  /** The limiter key: kind, subject and the limit, so that a changed limit starts a fresh bucket. */
  static String keyOf(String kind, String subject, RateLimit limit) {
    return kind + subject + '|' + limit.quota() + '/' + limit.windowSeconds();
  }

  private RateLimitDecision consume(String key, RateLimit limit) {
    try {
      return limiter.tryConsume(key, limit);
    } catch (RuntimeException e) {
      LOG.warn("Rate limiter {} failed; allowing the request ({})", limiter.getClass().getSimpleName(),
          e.getClass().getName());
      return new RateLimitDecision(true, limit.quota(), 0, 0);
    }
  }

  /** Configures {@link RateLimits}; not thread-safe. */
  public static final class Builder {
    private final RateLimiter limiter;
    private Function<VerifiedToken, RateLimit> perToken;
    private Function<VerifiedToken, RateLimit> perOwner;

    private Builder(RateLimiter limiter) {
      this.limiter = limiter;
    }

    /**
     * The same limit for every token.
     *
     * @param limit e.g. {@code RateLimit.perMinute(100)}, or {@code null} for none
     * @return this builder
     */
    public Builder perToken(RateLimit limit) {
      this.perToken = limit == null ? null : t -> limit;
      return this;
    }

    /**
     * A limit chosen per token, e.g. by role: {@code t -> "ADMIN".equals(t.role()) ? null : RateLimit.perMinute(100)}.
     * Called on every request: keep it fast.
     *
     * @param choice returns the token's limit or {@code null} for none; never {@code null}
     * @return this builder
     */
    public Builder perToken(Function<VerifiedToken, RateLimit> choice) {
      this.perToken = Objects.requireNonNull(choice, "choice");
      return this;
    }

    /**
     * One limit shared by all tokens of an owner (off by default).
     *
     * @param limit e.g. {@code RateLimit.perMinute(1_000)}, or {@code null} for none
     * @return this builder
     */
    public Builder perOwner(RateLimit limit) {
      this.perOwner = limit == null ? null : t -> limit;
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return immutable limits
     * @throws IllegalStateException when neither a per-token nor a per-owner limit is set
     */
    public RateLimits build() {
      if (perToken == null && perOwner == null) {
        throw new IllegalStateException("set perToken(RateLimit.perMinute(100)) and/or perOwner(...) before build()");
      }
      return new RateLimits(this);
    }
  }
}
