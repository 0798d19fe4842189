package dev.tokenkit;

import dev.tokenkit.internal.hash.Argon2idHasher;
import dev.tokenkit.internal.hash.HmacSha256Hasher;
import dev.tokenkit.internal.hash.Sha256Hasher;
import dev.tokenkit.spi.SecretHasher;

/**
 * The built-in {@link SecretHasher}s. All are thread-safe and compare in constant time.
 *
 * <pre>{@code
 * TokenService.builder()
 *     .store(store)
 *     .hasher(SecretHashers.hmacSha256("2026-11", pepperBytes))   // writes and verifies
 *     .alsoVerifyWith(SecretHashers.sha256())                      // old hashes still verify, then upgrade
 *     .build();
 * }</pre>
 */
public final class SecretHashers {
  private SecretHashers() {}

  /**
   * Plain SHA-256, the default when no pepper is configured.
   *
   * @return the hasher
   */
  public static SecretHasher sha256() {
    return new Sha256Hasher();
  }

  /**
   * HMAC-SHA256 with a server-side pepper, recorded with its key id so peppers can rotate.
   *
   * @param keyId 1-32 letters, digits, '_' or '-'
   * @param pepper at least 32 secret random bytes (copied); keep it outside the database
   * @return the hasher
   * @throws IllegalArgumentException when the key id or pepper is unsuitable
   */
  public static SecretHasher hmacSha256(String keyId, byte[] pepper) {
    return new HmacSha256Hasher(keyId, pepper);
  }

  /**
   * Argon2id with OWASP's minimum parameters (m=19456 KiB, t=2, p=1). Needs the optional dependency
   * {@code de.mkammerer:argon2-jvm} (which brings JNA) on the class path: without it,
   * {@link TokenService.Builder#build()} fails with a message saying so.
   *
   * @return the hasher
   */
  public static SecretHasher argon2id() {
    return new Argon2idHasher(2, 19456, 1);
  }

  /**
   * Argon2id with tuned parameters; needs {@code de.mkammerer:argon2-jvm} like {@link #argon2id()}.
   *
   * @param iterations time cost, at least 1
   * @param memoryKiB memory in KiB, at least 8 × parallelism
   * @param parallelism lanes, at least 1
   * @return the hasher
   * @throws IllegalArgumentException when a parameter is out of range
   */
  public static SecretHasher argon2id(int iterations, int memoryKiB, int parallelism) {
    return new Argon2idHasher(iterations, memoryKiB, parallelism);
  }
}
