package dev.tokenkit;

import java.time.Instant;

/**
 * The life-cycle state of a token.
 *
 * <p>{@code ACTIVE}, {@code DISABLED} and {@code REVOKED} are stored; {@code EXPIRED} is derived from the
 * expiry instant and the clock (see {@link #effective(TokenStatus, Instant, Instant)}). {@code REVOKED} is
 * terminal; {@code DISABLED} can be undone with enable.
 */
public enum TokenStatus {
  /** Usable. */
  ACTIVE,
  /** Temporarily unusable; can be enabled again. */
  DISABLED,
  /** Permanently unusable. */
  REVOKED,
  /** Past its expiry instant (derived, never stored). */
  EXPIRED;

  /**
   * The status a user sees: revoked wins, then expiry, then the stored state.
   *
   * @param stored the stored state; never {@code null}
   * @param expiresAt the expiry instant, or {@code null} for never
   * @param now the current instant; never {@code null}
   * @return the effective status
   */
  public static TokenStatus effective(TokenStatus stored, Instant expiresAt, Instant now) {
    if (stored == REVOKED) {
      return REVOKED;
    }
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return EXPIRED;
    }
    return stored;
  }
}
