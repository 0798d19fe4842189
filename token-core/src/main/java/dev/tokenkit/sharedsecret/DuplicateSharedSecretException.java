package dev.tokenkit.sharedsecret;

import dev.tokenkit.TokenKitException;
import dev.tokenkit.internal.SafeEcho;

/** A shared secret with this name already exists; choose a different name (the management API answers 409). */
public final class DuplicateSharedSecretException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param name the duplicate name
   */
  public DuplicateSharedSecretException(String name) {
    super("A shared secret named " + SafeEcho.quote(name) + " already exists; choose a different name");
  }
}
