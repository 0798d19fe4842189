package dev.tokenkit.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with a one-off key, for request and webhook signatures. */
public final class HmacSha256 {
  private HmacSha256() {}

  /**
   * The MAC of a message.
   *
   * @param key the key; not empty
   * @param message the message
   * @return the 32-byte MAC
   * @throws IllegalArgumentException when the key is empty
   */
  public static byte[] mac(byte[] key, byte[] message) {
    if (key.length == 0) {
      throw new IllegalArgumentException("an HMAC key must not be empty");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
