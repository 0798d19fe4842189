package dev.tokenkit.spi;

import dev.tokenkit.sharedsecret.SharedSecret;
import java.util.Objects;

/**
 * A shared secret as a store holds it: metadata plus the encrypted current value and, during a rotation's
 * overlap, the encrypted previous value ({@link dev.tokenkit.sharedsecret.KeyRing} ciphertexts, never plaintext).
 * {@code toString()} omits the ciphertexts. Immutable and thread-safe.
 *
 * @param sharedSecret the metadata; its {@code version} is the optimistic-concurrency version
 * @param ciphertext the encrypted current value; never {@code null}
 * @param previousCiphertext the encrypted value replaced by the last rotation, or {@code null}
 */
public record StoredSharedSecret(SharedSecret sharedSecret, String ciphertext, String previousCiphertext) {
  /** Validates the components. */
  public StoredSharedSecret {
    Objects.requireNonNull(sharedSecret, "sharedSecret");
    Objects.requireNonNull(ciphertext, "ciphertext");
  }

  /**
   * The id.
   *
   * @return the shared secret's id
   */
  public String id() {
    return sharedSecret.id();
  }

  /**
   * The optimistic-concurrency version.
   *
   * @return the version
   */
  public long version() {
    return sharedSecret.version();
  }

  @Override
  public String toString() {
    return "StoredSharedSecret[" + sharedSecret + ", ciphertexts=redacted]";
  }
}
