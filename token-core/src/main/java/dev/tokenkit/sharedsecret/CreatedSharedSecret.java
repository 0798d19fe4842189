package dev.tokenkit.sharedsecret;

import java.util.Objects;

/**
 * The result of creating or rotating a shared secret: its metadata and its new value. {@code toString()} never
 * shows the value. Immutable and thread-safe.
 */
public final class CreatedSharedSecret {
  private final SharedSecret sharedSecret;
  private final SharedSecretValue secret;

  /**
   * Creates the result.
   *
   * @param sharedSecret the metadata; never {@code null}
   * @param secret the value; never {@code null}
   */
  public CreatedSharedSecret(SharedSecret sharedSecret, SharedSecretValue secret) {
    this.sharedSecret = Objects.requireNonNull(sharedSecret, "sharedSecret");
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /**
   * The metadata.
   *
   * @return the shared secret
   */
  public SharedSecret sharedSecret() {
    return sharedSecret;
  }

  /**
   * The value, to hand to the integration (it can be revealed again later, with an audit event).
   *
   * @return the value
   */
  public SharedSecretValue secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "CreatedSharedSecret[" + sharedSecret + ", secret=redacted]";
  }
}
