package dev.tokenkit.sharedsecret;

import dev.tokenkit.TokenKitException;
import dev.tokenkit.internal.SafeEcho;

/** No shared secret has the given id (it never existed or was deleted). */
public final class SharedSecretNotFoundException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param id the unknown id
   */
  public SharedSecretNotFoundException(String id) {
    super("No shared secret with id " + SafeEcho.quote(id) + "; list shared secrets to find the id");
  }
}
