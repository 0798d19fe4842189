package dev.tokenkit.servlet;

import dev.tokenkit.TokenKitException;

/**
 * Thrown by {@link TokenAuth#require} when the request's token lacks the access a handler checks for in code.
 * When it propagates out of the filter chain, {@link TokenAuthFilter} turns it into 403
 * {@code insufficient_scope} (or 401 when the request carried no verified token) if the response is not yet
 * committed.
 *
 * <pre>{@code
 * VerifiedToken t = TokenAuth.require(request, "refunds", AccessLevel.FULL); // throws if not allowed
 * }</pre>
 */
public final class TokenAccessDeniedException extends TokenKitException {
  /** Serialisation version. */
  private static final long serialVersionUID = 1L;

  private final boolean authenticated;

  /**
   * Creates the exception.
   *
   * @param message what was missing and how to fix it (never a secret)
   * @param authenticated whether the request carried a verified token
   */
  public TokenAccessDeniedException(String message, boolean authenticated) {
    super(message);
    this.authenticated = authenticated;
  }

  /**
   * Whether the request carried a verified token (then the answer is 403, otherwise 401).
   *
   * @return {@code true} when a token was verified but lacks access
   */
  public boolean isAuthenticated() {
    return authenticated;
  }
}
