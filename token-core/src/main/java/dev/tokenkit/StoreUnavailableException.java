package dev.tokenkit;

/** The token store cannot be reached (database down, connection refused). Retry later. */
public final class StoreUnavailableException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
