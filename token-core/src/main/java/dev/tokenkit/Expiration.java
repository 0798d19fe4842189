package dev.tokenkit;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * When a token expires: {@link #never()}, {@link #at(Instant) at a fixed instant}, or {@link #after(Period) a
 * period after issue} (such as {@link #months(int) 6 months}). Checked against the {@link ExpiryPolicy}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Expiration.months(6);
 * Expiration.at(Instant.parse("2027-01-01T00:00:00Z"));
 * Expiration.never();
 * }</pre>
 */
public sealed interface Expiration {

  /**
   * The expiry instant for a token issued (or regenerated) at {@code issuedAt}.
   *
   * @param issuedAt the issue instant; never {@code null}
   * @return the expiry instant, or {@code null} for never
   */
  Instant expiresAt(Instant issuedAt);

  /**
   * No expiry.
   *
   * @return the never-expiring choice
   */
  static Expiration never() {
    return Never.INSTANCE;
  }

  /**
   * A fixed instant.
   *
   * @param instant the expiry, between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z (the range every store
   *     holds); never {@code null}
   * @return the choice
   * @throws InvalidInputException when the instant lies outside that range
   */
  static Expiration at(Instant instant) {
    return new At(instant);
  }

  /**
   * A period after issue, computed in UTC calendar terms.
   *
   * @param period a positive period, e.g. {@code Period.ofMonths(6)}; never {@code null}
   * @return the choice
   * @throws InvalidInputException when the period is zero or negative
   */
  static Expiration after(Period period) {
    return new After(period);
  }

  /**
   * A number of months after issue, as in "Expiration (Months): 3, 6 or 12".
   *
   * @param months a positive number of months
   * @return the choice
   * @throws InvalidInputException when {@code months} is not positive
   */
  static Expiration months(int months) {
    return new After(Period.ofMonths(months));
  }

  /**
   * A number of days after issue.
   *
   * @param days a positive number of days
   * @return the choice
   * @throws InvalidInputException when {@code days} is not positive
   */
  static Expiration days(int days) {
    return new After(Period.ofDays(days));
  }

  /** Never expires. */
  final class Never implements Expiration {
    private static final Never INSTANCE = new Never();

    private Never() {}

    @Override
    public Instant expiresAt(Instant issuedAt) {
      return null;
    }

    @Override
    public String toString() {
      return "never";
    }
  }

  /**
   * Expires at a fixed instant.
   *
   * @param instant the expiry instant
   */
  record At(Instant instant) implements Expiration {
    /**
     * Validates the instant.
     *
     * @throws InvalidInputException when the instant lies outside years 1970 to 9999
     */
    public At {
      Objects.requireNonNull(instant, "instant");
      InstantRange.require("expiration", "expiry date", instant);
    }

    @Override
    public Instant expiresAt(Instant issuedAt) {
      return instant;
    }
  }

  /**
   * Expires a period after issue.
   *
   * @param period the positive period
   */
  record After(Period period) implements Expiration {
    /** Validates the period. */
    public After {
      Objects.requireNonNull(period, "period");
      if (period.isZero() || period.isNegative()) {
        throw new InvalidInputException("expiration", "expiry period " + period + " must be positive");
      }
    }

    @Override
    public Instant expiresAt(Instant issuedAt) {
      return issuedAt.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }
  }
}
