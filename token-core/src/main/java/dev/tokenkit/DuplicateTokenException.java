package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;

/** A token with this name already exists for this owner ("Token already exists"); choose a different name. */
public final class DuplicateTokenException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param owner the owner
   * @param name the duplicate name
   */
  public DuplicateTokenException(String owner, String name) {
    super("Token already exists: owner " + SafeEcho.quote(owner) + " already has a token named " + SafeEcho.quote(name)
        + "; choose a different name");
  }
}
