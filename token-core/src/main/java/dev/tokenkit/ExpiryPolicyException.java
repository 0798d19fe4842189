package dev.tokenkit;

/** The requested expiry is not allowed by the {@link ExpiryPolicy}, e.g. beyond the maximum lifetime. */
public final class ExpiryPolicyException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the policy refused and what it allows
   */
  public ExpiryPolicyException(String message) {
    super(message);
  }
}
