package dev.tokenkit;

/** The operation is not allowed in the token's current status, e.g. enabling a revoked token. */
public final class IllegalTransitionException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param id the token id
   * @param status its current status
   * @param operation the refused operation
   */
  public IllegalTransitionException(String id, TokenStatus status, String operation) {
    super("Cannot " + operation + " token '" + id + "' because it is " + status
        + (status == TokenStatus.REVOKED ? "; revocation is permanent, issue a new token instead" : ""));
  }
}
