package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;

/** No token has the given id (it never existed or was deleted). */
public final class TokenNotFoundException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param id the unknown token id (the public id, never a secret)
   */
  public TokenNotFoundException(String id) {
    super("No token with id " + SafeEcho.quote(id) + "; list tokens to find the id");
  }
}
