package dev.tokenkit;

import java.time.Instant;

/**
 * The one range of instants TokenKit accepts from callers (expiry dates, query bounds): years 1970 to 9999, which
 * every store can hold (SQL {@code TIMESTAMP WITH TIME ZONE} in H2 and PostgreSQL, and memory), so every store
 * gives the same answer. Stateless.
 */
final class InstantRange {
  /** The earliest accepted instant. */
  static final Instant EARLIEST = Instant.EPOCH;
  /** The latest accepted instant. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private InstantRange() {}

  /**
   * Checks an instant.
   *
   * @param field the field name for the error, e.g. {@code expiration}
   * @param what what the instant is, e.g. {@code expiry date}
   * @param instant the instant, or {@code null} (accepted)
   * @return the instant
   * @throws InvalidInputException when it lies outside the range
   */
  static Instant require(String field, String what, Instant instant) {
    if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
      throw new InvalidInputException(field, what + " must be between " + EARLIEST + " and " + LATEST
          + " (years 1970 to 9999)");
    }
    return instant;
  }
}
