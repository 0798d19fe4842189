package dev.tokenkit.ratelimit;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link RateLimits#check(dev.tokenkit.VerifiedToken)}: one {@link Check} per policy that applied
 * (e.g. {@code "token"} and {@code "owner"}), in that order. Immutable.
 *
 * @param checks the policies that applied; empty when none did
 */
public record RateLimitResult(List<Check> checks) {
  /** No policy applied. */
  public static final RateLimitResult NONE = new RateLimitResult(List.of());

  /** Copies the list. */
  public RateLimitResult {
    checks = List.copyOf(checks);
  }

  /**
   * Whether every policy allowed the request.
   *
   * @return {@code true} when nothing refused it
   */
  public boolean allowed() {
    for (Check c : checks) {
      if (!c.decision().allowed()) {
        return false;
      }
    }
    return true;
  }

  /**
   * When refused, seconds until every refusing policy has a unit again; 0 when allowed.
   *
   * @return the {@code Retry-After} value
   */
  public long retryAfterSeconds() {
    long max = 0;
    for (Check c : checks) {
      max = Math.max(max, c.decision().retryAfterSeconds());
    }
    return max;
  }

  /**
   * One policy's decision.
   *
   * @param policy the policy name, {@code "token"} or {@code "owner"}
   * @param limit the limit applied
   * @param decision the limiter's answer
   */
  public record Check(String policy, RateLimit limit, RateLimitDecision decision) {
    /** Validates the values. */
    public Check {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(decision, "decision");
    }
  }
}
