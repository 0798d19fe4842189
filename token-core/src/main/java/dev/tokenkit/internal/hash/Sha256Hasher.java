package dev.tokenkit.internal.hash;

import dev.tokenkit.internal.Digests;
import dev.tokenkit.spi.SecretHasher;
import java.security.MessageDigest;
import java.util.Base64;

/** {@code $sha256$<base64 digest>}: right for high-entropy tokens (NIST SP 800-63B §5.1.2.2). */
public final class Sha256Hasher implements SecretHasher {
  private static final String PREFIX = "$sha256$";

  @Override
  public String algorithm() {
    return "sha256";
  }

  @Override
  public String hash(byte[] token) {
    return PREFIX + Base64.getEncoder().encodeToString(Digests.sha256(token));
  }

  @Override
  public boolean verify(byte[] token, String storedHash) {
    return verifyDigest(Digests.sha256(token), storedHash);
  }

  /**
   * Checks an already computed SHA-256 of the token against a stored hash, so the verification path, which has
   * hashed the token for its cache, does not hash it twice.
   *
   * @param sha256 the token's SHA-256 digest
   * @param storedHash a hash this hasher wrote
   * @return {@code true} on a match (constant-time compare)
   */
  public boolean verifyDigest(byte[] sha256, String storedHash) {
    byte[] expected;
    try {
      expected = Base64.getDecoder().decode(storedHash.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, sha256);
  }

  /** One hash function call per check: cheap, never throttled. */
  @Override
  public boolean isExpensiveToVerify() {
    return false;
  }

  @Override
  public String toString() {
    return "SecretHasher[sha256]";
  }
}
