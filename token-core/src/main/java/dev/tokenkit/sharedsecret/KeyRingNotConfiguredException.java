package dev.tokenkit.sharedsecret;

import dev.tokenkit.TokenKitException;

/**
 * Shared secrets need an encryption key and none is configured, or the store does not support shared secrets.
 * The message says how to configure one.
 */
public final class KeyRingNotConfiguredException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is missing and how to configure it
   */
  public KeyRingNotConfiguredException(String message) {
    super(message);
  }
}
