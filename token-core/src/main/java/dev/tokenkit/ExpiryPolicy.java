package dev.tokenkit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which expiries issuance and regeneration accept, and the default.
 *
 * <p>The defaults follow common admin pages: choices of 3, 6 (default) and 12 months, "no expiration" and a
 * specific date allowed, no maximum lifetime. Stricter hosts set {@link Builder#maxLifetime(Period)} (which
 * also forbids "never") or turn choices off. Immutable and thread-safe.
 *
 * <pre>{@code
 * ExpiryPolicy policy = ExpiryPolicy.builder()
 *     .choices(Expiration.months(3), Expiration.months(6), Expiration.months(12))
 *     .defaultChoice(Expiration.months(6))
 *     .allowNever(false)
 *     .maxLifetime(Period.ofYears(1))
 *     .build();
 * }</pre>
 */
public final class ExpiryPolicy {
  private final List<Expiration> choices;
  private final Expiration defaultChoice;
  private final boolean allowNever;
  private final boolean allowFixedDate;
  private final Period maxLifetime;
  private final Expiration.After longestChoice;

  private ExpiryPolicy(Builder b) {
    this.choices = List.copyOf(b.choices);
    this.defaultChoice = b.defaultChoice;
    this.allowNever = b.allowNever;
    this.allowFixedDate = b.allowFixedDate;
    this.maxLifetime = b.maxLifetime;
    this.longestChoice = longest(choices);
  }

  /**
   * The default policy: 3/6/12 months offered, 6 by default, never and fixed dates allowed, no maximum.
   *
   * @return the default policy
   */
  public static ExpiryPolicy defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The offered relative choices, e.g. 3, 6 and 12 months.
   *
   * @return the choices, in offer order
   */
  public List<Expiration> choices() {
    return choices;
  }

  /**
   * The choice used when a request names none.
   *
   * @return the default choice
   */
  public Expiration defaultChoice() {
    return defaultChoice;
  }

  /**
   * Whether tokens may never expire.
   *
   * @return {@code true} if "no expiration" is allowed
   */
  public boolean allowsNever() {
    return allowNever;
  }

  /**
   * Whether a specific expiry date may be chosen.
   *
   * @return {@code true} if fixed dates are allowed
   */
  public boolean allowsFixedDate() {
    return allowFixedDate;
  }

  /**
   * The maximum lifetime, or {@code null} for none.
   *
   * @return the maximum lifetime
   */
  public Period maxLifetime() {
    return maxLifetime;
  }

  /**
   * From when a token with this expiry is within the policy, so that policy changes apply to existing tokens: a
   * token that never expires exceeds a policy that does not allow "never" (for ever), and a token whose expiry lies
   * further ahead than the maximum lifetime exceeds it until the remaining lifetime has shrunk to the maximum.
   * Tokens that exceed the policy are blocked ({@link FailureReason#POLICY_VIOLATION}) until they are regenerated
   * within it.
   *
   * <pre>{@code
   * // max lifetime 90 days, a token expiring in one year: blocked for the next 275 days, or until regenerated
   * Instant from = policy.compliesFrom(token.expiresAt());
   * }</pre>
   *
   * @param expiresAt the token's expiry, or {@code null} for never
   * @return {@code null} when the token is within the policy at any time; {@link Instant#MAX} when never; else the
   *     instant from which it is within the policy
   */
  public Instant compliesFrom(Instant expiresAt) {
    if (expiresAt == null) {
      return allowsNever() ? null : Instant.MAX;
    }
    if (maxLifetime == null) {
      return null;
    }
    try {
      return expiresAt.atZone(java.time.ZoneOffset.UTC).minus(maxLifetime).toInstant();
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  /**
   * Whether a token with this expiry exceeds the policy at {@code now} (see {@link #compliesFrom(Instant)}).
   *
   * @param expiresAt the token's expiry, or {@code null} for never
   * @param now the current time; never {@code null}
   * @return {@code true} when the token is blocked by the policy
   */
  public boolean isExceededBy(Instant expiresAt, Instant now) {
    Instant from = compliesFrom(expiresAt);
    return from != null && now.isBefore(from);
  }

  /**
   * How far after issue a fixed expiry date may lie: the {@linkplain #maxLifetime() maximum lifetime} when set;
   * otherwise, when "never" is not allowed, the longest offered choice (so a far-away date cannot stand in for
   * the forbidden "never"); {@code null} when fixed dates are bounded only by the supported range (years 1970 to
   * 9999).
   *
   * <pre>{@code
   * ExpiryPolicy.builder().allowNever(false).build().fixedDateLimit(); // P12M, the longest default choice
   * }</pre>
   *
   * @return the limit, or {@code null}
   */
  public Period fixedDateLimit() {
    if (maxLifetime != null) {
      return maxLifetime;
    }
    return allowNever || longestChoice == null ? null : longestChoice.period();
  }

  /**
   * Resolves a requested expiration to an instant, enforcing the policy. A fixed date may lie no farther after
   * {@code now} than {@link #fixedDateLimit()}, and every expiry must lie in years 1970 to 9999.
   *
   * @param requested the request, or {@code null} for the default choice
   * @param now the issue instant
   * @return the expiry instant, or {@code null} for never
   * @throws ExpiryPolicyException when the policy does not allow the request; the message names the limit
   * @throws InvalidInputException when a fixed date is not in the future or an expiry lies beyond year 9999
   */
  public Instant resolve(Expiration requested, Instant now) {
    Expiration e = requested == null ? defaultChoice : requested;
    if (e instanceof Expiration.Never) {
      if (!allowNever) {
        throw new ExpiryPolicyException("Tokens must expire: choose one of " + describeChoices()
            + (maxLifetime != null ? " (maximum lifetime " + maxLifetime + ")" : ""));
      }
      return null;
    }
    if (e instanceof Expiration.At at) {
      if (!allowFixedDate) {
        throw new ExpiryPolicyException("A specific expiry date is not allowed; choose one of " + describeChoices());
      }
      if (!at.instant().isAfter(now)) {
        throw new InvalidInputException("expiration", "expiry date " + at.instant() + " is not in the future");
      }
    } else if (!choices.contains(e)) {
      throw new ExpiryPolicyException("Expiry " + describe(e) + " is not offered; choose one of " + describeChoices());
    }
    Instant at = expiresWithinRange(e, now);
    if (maxLifetime != null) {
      Instant limit = reach(Expiration.after(maxLifetime), now);
      if (at.isAfter(limit)) {
        throw new ExpiryPolicyException("Expiry " + at + " is beyond the maximum lifetime of " + maxLifetime
            + " (latest allowed: " + limit + ")");
      }
    } else if (!allowNever && longestChoice != null && e instanceof Expiration.At) {
      Instant limit = reach(longestChoice, now);
      if (at.isAfter(limit)) {
        throw new ExpiryPolicyException("Expiry " + at + " is later than the longest offered choice, "
            + describe(longestChoice) + " (latest allowed: " + limit + "); tokens must expire, so choose a date "
            + "no later than that");
      }
    }
    return at;
  }

  private static Instant expiresWithinRange(Expiration e, Instant now) {
    return InstantRange.require("expiration", "expiry " + describe(e) + " from now", reach(e, now));
  }

  /** When {@code e} expires for a token issued at {@code from}; {@link Instant#MAX} beyond what Java dates hold. */
  private static Instant reach(Expiration e, Instant from) {
    try {
      return e.expiresAt(from);
    } catch (DateTimeException | ArithmeticException ex) {
      return Instant.MAX;
    }
  }

  /** The choice that lies farthest after issue (compared from the epoch), or {@code null} when none is offered. */
  private static Expiration.After longest(List<Expiration> choices) {
    Expiration.After longest = null;
    for (Expiration c : choices) {
      Expiration.After a = (Expiration.After) c;
      if (longest == null || reach(a, Instant.EPOCH).isAfter(reach(longest, Instant.EPOCH))) {
        longest = a;
      }
    }
    return longest;
  }

  private String describeChoices() {
    List<String> names = new ArrayList<>();
    for (Expiration c : choices) {
      names.add(describe(c));
    }
    if (allowFixedDate) {
      names.add("a specific date");
    }
    if (allowNever) {
      names.add("never");
    }
    return String.join(", ", names);
  }

  private static String describe(Expiration e) {
    if (e instanceof Expiration.After after) {
      Period p = after.period();
      if (p.getYears() == 0 && p.getDays() == 0) {
        return p.getMonths() + " months";
      }
      return p.toString();
    }
    return e.toString();
  }

  /** Builds an {@link ExpiryPolicy}. Not thread-safe; the built policy is. */
  public static final class Builder {
    private List<Expiration> choices = List.of(Expiration.months(3), Expiration.months(6), Expiration.months(12));
    private Expiration defaultChoice = Expiration.months(6);
    private boolean allowNever = true;
    private boolean allowFixedDate = true;
    private Period maxLifetime;
    private boolean neverSetExplicitly;

    private Builder() {}

    /**
     * The offered relative choices ({@link Expiration#after(Period)} or {@link Expiration#months(int)}).
     *
     * @param choices the choices; may be empty when only fixed dates or never are allowed
     * @return this builder
     * @throws IllegalArgumentException when a choice is not relative
     */
    public Builder choices(Expiration... choices) {
      for (Expiration c : choices) {
        if (!(c instanceof Expiration.After)) {
          throw new IllegalArgumentException("choices must be relative periods such as Expiration.months(6); "
              + "use allowNever/allowFixedDate for the others");
        }
      }
      this.choices = List.of(choices);
      return this;
    }

    /**
     * The choice used when a request names none.
     *
     * @param defaultChoice one of the choices, {@link Expiration#never()} or a fixed date; never {@code null}
     * @return this builder
     */
    public Builder defaultChoice(Expiration defaultChoice) {
      this.defaultChoice = Objects.requireNonNull(defaultChoice, "defaultChoice");
      return this;
    }

    /**
     * Whether tokens may never expire (default {@code true}, or {@code false} once a maximum lifetime is set).
     *
     * @param allowNever the flag
     * @return this builder
     */
    public Builder allowNever(boolean allowNever) {
      this.allowNever = allowNever;
      this.neverSetExplicitly = true;
      return this;
    }

    /**
     * Whether a specific expiry date may be chosen (default {@code true}).
     *
     * @param allowFixedDate the flag
     * @return this builder
     */
    public Builder allowFixedDate(boolean allowFixedDate) {
      this.allowFixedDate = allowFixedDate;
      return this;
    }

    /**
     * The maximum lifetime that issuance and regeneration enforce; also forbids "never" unless
     * {@link #allowNever(boolean)} was set.
     *
     * @param maxLifetime a positive period, or {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException when the period is not positive
     */
    public Builder maxLifetime(Period maxLifetime) {
      if (maxLifetime != null && (maxLifetime.isZero() || maxLifetime.isNegative())) {
        throw new IllegalArgumentException("maxLifetime must be positive, got " + maxLifetime);
      }
      this.maxLifetime = maxLifetime;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the immutable policy
     * @throws IllegalStateException when the default choice is not allowed by the policy itself
     */
    public ExpiryPolicy build() {
      if (maxLifetime != null && !neverSetExplicitly) {
        allowNever = false;
      }
      if (maxLifetime != null && allowNever) {
        throw new IllegalStateException("a maximum lifetime contradicts allowNever(true); drop one of them");
      }
      if (!allowNever && allowFixedDate && maxLifetime == null && choices.isEmpty()) {
        throw new IllegalStateException("a policy that forbids \"never\" must bound fixed dates: offer at least one "
            + "choice (the longest one bounds fixed dates) or set maxLifetime");
      }
      ExpiryPolicy p = new ExpiryPolicy(this);
      try {
        Instant now = Instant.EPOCH;
        if (!(defaultChoice instanceof Expiration.At)) {
          p.resolve(defaultChoice, now);
        }
      } catch (TokenKitException e) {
        throw new IllegalStateException("the default expiry " + describe(defaultChoice)
            + " is not allowed by this policy: " + e.getMessage(), e);
      }
      return p;
    }
  }
}
