package dev.tokenkit.internal.hash;

import dev.tokenkit.spi.SecretHasher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code $hmac-sha256$<keyId>$<base64 mac>}: SHA-256 keyed with a server-side pepper, so a stolen database alone
 * cannot confirm guesses. The key id lets peppers rotate: register the old one as an extra hasher.
 */
public final class HmacSha256Hasher implements SecretHasher {
  private final String keyId;
  private final String prefix;
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  /**
   * Creates the hasher.
   *
   * @param keyId a short id for the pepper: letters, digits, '_' or '-'
   * @param pepper at least 32 secret bytes; copied
   */
  public HmacSha256Hasher(String keyId, byte[] pepper) {
    if (keyId == null || !keyId.matches("[A-Za-z0-9_-]{1,32}")) {
      throw new IllegalArgumentException("pepper key id must be 1-32 letters, digits, '_' or '-'");
    }
    if (pepper == null || pepper.length < 32) {
      throw new IllegalArgumentException("the pepper must have at least 32 bytes (256 bits) of secret random data");
    }
    this.keyId = keyId;
    this.prefix = "$hmac-sha256$" + keyId + "$";
    this.key = new SecretKeySpec(pepper.clone(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  @Override
  public String algorithm() {
    return "hmac-sha256";
  }

  @Override
  public boolean canVerify(String storedHash) {
    return storedHash.startsWith(prefix);
  }

  @Override
  public String hash(byte[] token) {
    return prefix + Base64.getEncoder().encodeToString(mac(token));
  }

  @Override
  public boolean verify(byte[] token, String storedHash) {
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(storedHash.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, mac(token));
  }

  private byte[] mac(byte[] token) {
    Mac mac = macs.get();
    mac.reset();
    return mac.doFinal(token);
  }

  /** One hash function call per check: cheap, never throttled. */
  @Override
  public boolean isExpensiveToVerify() {
    return false;
  }

  @Override
  public String toString() {
    return "SecretHasher[hmac-sha256, keyId=" + keyId + ", pepper=redacted]";
  }
}
