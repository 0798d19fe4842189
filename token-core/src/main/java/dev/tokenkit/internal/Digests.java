package dev.tokenkit.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Per-thread SHA-256, for the hot path (no provider lookup per call). */
public final class Digests {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digests::newSha256);

  private Digests() {}

  /**
   * SHA-256 of some bytes.
   *
   * @param data the input
   * @return the 32-byte digest
   */
  public static byte[] sha256(byte[] data) {
    MessageDigest md = SHA256.get();
    md.reset();
    return md.digest(data);
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
