package dev.tokenkit.internal.hash;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.tokenkit.spi.SecretHasher;

/**
 * Argon2id in PHC string form ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}) through argon2-jvm. For
 * secrets of unknown entropy, such as imported legacy keys; the verification cache keeps it off the hot path.
 *
 * <p>argon2-jvm (and its JNA dependency) is an optional dependency of token-core: creating this hasher never
 * touches it, and {@link #requireLibrary()} (called when a {@code TokenService} is built) fails with a message
 * naming the dependency to add when it is missing.
 */
public final class Argon2idHasher implements SecretHasher {
  /** The Maven coordinates a host adds to use Argon2id. */
  public static final String DEPENDENCY = "de.mkammerer:argon2-jvm";
  private static final String[] LIBRARY_CLASSES = {"de.mkammerer.argon2.Argon2Factory", "com.sun.jna.Native"};

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

  /**
   * Checks that argon2-jvm and JNA are on the class path.
   *
   * @throws IllegalStateException naming the dependency to add when they are not
   */
  public void requireLibrary() {
    for (String name : LIBRARY_CLASSES) {
      try {
        Class.forName(name, false, Argon2idHasher.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("The Argon2id hasher needs " + DEPENDENCY + " (with its dependency "
            + "net.java.dev.jna:jna) on the class path, which token-core declares optional: add the dependency "
            + DEPENDENCY + " (e.g. <groupId>de.mkammerer</groupId><artifactId>argon2-jvm</artifactId>"
            + "<version>2.12</version>) to your application, or use SecretHashers.sha256() / hmacSha256(...) instead"
            + " (missing class " + name + ")", e);
      }
    }
  }

  @Override
  public String algorithm() {
    return "argon2id";
  }

  @Override
  public String hash(byte[] token) {
    return Library.ARGON2.hash(iterations, memoryKiB, parallelism, token);
  }

  @Override
  public boolean verify(byte[] token, String storedHash) {
    try {
      return Library.ARGON2.verify(storedHash, token);
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

  /** Loads argon2-jvm only when a hash is computed or checked. */
  private static final class Library {
    static final Argon2 ARGON2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
  }
}
