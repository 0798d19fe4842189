package dev.tokenkit.internal.hash;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.tokenkit.spi.SecretHasher;

/**
 * Argon2id in PHC string form ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}) through argon2-jvm. For
 * secrets of unknown entropy, such as imported legacy keys; the verification cache keeps it off the hot path.
 */
public final class Argon2idHasher implements SecretHasher {
  private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
  private final int iterations;
  private final int memoryKiB;
  private final int parallelism;
  private final String params;

  /**
   * Creates the hasher.
   *
   * @param iterations time cost, at least 1
   * @param memoryKiB memory cost in KiB, at least 8 × parallelism
   * @param parallelism lanes, at least 1
   */
  public Argon2idHasher(int iterations, int memoryKiB, int parallelism) {
    if (iterations < 1 || parallelism < 1 || memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException("Argon2id needs iterations >= 1, parallelism >= 1 and memoryKiB >= 8 x "
          + "parallelism (OWASP suggests m=19456, t=2, p=1)");
    }
    this.iterations = iterations;
    this.memoryKiB = memoryKiB;
    this.parallelism = parallelism;
    this.params = "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$";
  }

  @Override
  public String algorithm() {
    return "argon2id";
  }

  @Override
  public String hash(byte[] token) {
    return argon2.hash(iterations, memoryKiB, parallelism, token);
  }

  @Override
  public boolean verify(byte[] token, String storedHash) {
    try {
      return argon2.verify(storedHash, token);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean isCurrent(String storedHash) {
    return canVerify(storedHash) && storedHash.contains("$" + params);
  }

  @Override
  public String toString() {
    return "SecretHasher[argon2id, " + params.substring(0, params.length() - 1) + "]";
  }
}
