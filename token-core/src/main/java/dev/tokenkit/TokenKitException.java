package dev.tokenkit;

/**
 * The root of every exception TokenKit throws for a condition callers may handle.
 *
 * <p>Subclasses exist only where callers branch on them. Messages name ids, names and fields, never a secret,
 * a raw token or a hash. Programming errors stay {@link NullPointerException}, {@link IllegalArgumentException}
 * and {@link IllegalStateException}.
 */
public class TokenKitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and how to fix it
   */
  public TokenKitException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong and how to fix it
   * @param cause the underlying failure
   */
  public TokenKitException(String message, Throwable cause) {
    super(message, cause);
  }
}
