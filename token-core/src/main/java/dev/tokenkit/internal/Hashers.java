package dev.tokenkit.internal;

import dev.tokenkit.internal.hash.Argon2idHasher;
import dev.tokenkit.internal.hash.HmacSha256Hasher;
import dev.tokenkit.internal.hash.Sha256Hasher;
import dev.tokenkit.spi.SecretHasher;
import java.util.ArrayList;
import java.util.List;

/** The current hasher (writes new hashes) and every hasher that may verify stored ones. */
public final class Hashers {
  private final SecretHasher current;
  private final List<SecretHasher> all;

  /**
   * Creates the set.
   *
   * @param current writes and verifies
   * @param others only verify (legacy algorithms, old pepper keys)
   * @throws IllegalStateException when an Argon2id hasher is asked for but argon2-jvm is not on the class path
   */
  public Hashers(SecretHasher current, List<SecretHasher> others) {
    this.current = current;
    List<SecretHasher> list = new ArrayList<>();
    list.add(current);
    list.addAll(others);
    this.all = List.copyOf(list);
    for (SecretHasher h : all) {
      if (h instanceof Argon2idHasher argon2) {
        argon2.requireLibrary(); // an optional dependency: fail when the service is built, not at the first hash
      }
    }
  }

  /**
   * The hasher for new hashes.
   *
   * @return the current hasher
   */
  public SecretHasher current() {
    return current;
  }

  /**
   * Whether one of the hashers understands a stored hash.
   *
   * @param storedHash the stored hash
   * @return {@code true} when it can be verified
   */
  public boolean canVerify(String storedHash) {
    for (SecretHasher h : all) {
      if (h.canVerify(storedHash)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks a token against a stored hash with whichever hasher understands it.
   *
   * @param token the token bytes
   * @param storedHash the stored hash, or {@code null}
   * @return {@code true} on a match
   */
  public boolean verify(byte[] token, String storedHash) {
    if (storedHash == null) {
      return false;
    }
    for (SecretHasher h : all) {
      if (h.canVerify(storedHash)) {
        return h.verify(token, storedHash);
      }
    }
    return false;
  }

  /**
   * Checks a token whose SHA-256 is already known: a plain SHA-256 stored hash is compared with that digest
   * (no second hash of the token); any other hash is checked by its hasher as in {@link #verify(byte[], String)}.
   *
   * @param token the token bytes
   * @param sha256 the token's SHA-256 digest
   * @param storedHash the stored hash, or {@code null}
   * @return {@code true} on a match
   */
  public boolean verify(byte[] token, byte[] sha256, String storedHash) {
    if (storedHash == null) {
      return false;
    }
    for (SecretHasher h : all) {
      if (h.canVerify(storedHash)) {
        return h instanceof dev.tokenkit.internal.hash.Sha256Hasher s
            ? s.verifyDigest(sha256, storedHash) : h.verify(token, storedHash);
      }
    }
    return false;
  }

  /**
   * Whether a stored hash is checked by an expensive hasher ({@link SecretHasher#isExpensiveToVerify()}), so that
   * failed checks of it are throttled. Cheap checks (about a microsecond) are never throttled: that would protect
   * no CPU and only lock out the right secret.
   *
   * @param storedHash the stored hash, possibly {@code null}
   * @return the answer of the hasher that understands the hash; {@code true} when none does
   */
  public boolean isExpensiveToVerify(String storedHash) {
    if (storedHash == null) {
      return true;
    }
    for (SecretHasher h : all) {
      if (h.canVerify(storedHash)) {
        return h.isExpensiveToVerify();
      }
    }
    return true;
  }
}
