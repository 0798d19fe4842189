package dev.tokenkit;

import java.util.Objects;

/**
 * The typed result of {@link TokenService#authenticate(String, AuthContext)}: either {@link Verified} with the
 * {@link VerifiedToken}, or {@link Rejected} with a {@link FailureReason}. Never a bare boolean.
 *
 * <pre>{@code
 * AuthOutcome outcome = service.authenticate(header, ctx);
 * if (outcome instanceof AuthOutcome.Verified v) {
 *   serve(v.token());
 * } else {
 *   deny(outcome.reason());
 * }
 * }</pre>
 */
public sealed interface AuthOutcome {

  /**
   * Whether authentication succeeded.
   *
   * @return {@code true} for {@link Verified}
   */
  boolean isVerified();

  /**
   * The verified token.
   *
   * @return the token
   * @throws IllegalStateException when rejected
   */
  VerifiedToken token();

  /**
   * The failure reason.
   *
   * @return the reason
   * @throws IllegalStateException when verified
   */
  FailureReason reason();

  /**
   * Success.
   *
   * @param token the verified token
   */
  record Verified(VerifiedToken token) implements AuthOutcome {
    /** Validates the token. */
    public Verified {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public boolean isVerified() {
      return true;
    }

    @Override
    public FailureReason reason() {
      throw new IllegalStateException("authentication succeeded; there is no failure reason");
    }
  }

  /**
   * Failure.
   *
   * @param reason why
   */
  record Rejected(FailureReason reason) implements AuthOutcome {
    private static final Rejected[] BY_REASON;

    static {
      FailureReason[] all = FailureReason.values();
      BY_REASON = new Rejected[all.length];
      for (FailureReason r : all) {
        BY_REASON[r.ordinal()] = new Rejected(r);
      }
    }

    /** Validates the reason. */
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }

    /**
     * The shared instance for a reason (no allocation on the failure path).
     *
     * @param reason the reason
     * @return the rejection
     */
    public static Rejected of(FailureReason reason) {
      return BY_REASON[reason.ordinal()];
    }

    @Override
    public boolean isVerified() {
      return false;
    }

    @Override
    public VerifiedToken token() {
      throw new IllegalStateException("authentication failed (" + reason + "); there is no token");
    }
  }
}
