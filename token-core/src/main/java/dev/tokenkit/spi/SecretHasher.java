package dev.tokenkit.spi;

/**
 * One-way hashing of full token strings at rest. Built-ins come from {@link dev.tokenkit.SecretHashers}.
 *
 * <p>Hashes are self-describing strings starting with {@code $<algorithm>$}, so verification picks the hasher
 * from the stored value. Implementations must compare in constant time and be thread-safe.
 */
public interface SecretHasher {

  /**
   * The algorithm id that starts every hash this hasher writes, e.g. {@code sha256}.
   *
   * @return the id
   */
  String algorithm();

  /**
   * Hashes a full token string.
   *
   * @param token the token's ASCII bytes; not retained
   * @return the self-describing hash
   */
  String hash(byte[] token);

  /**
   * Checks a token against a stored hash in constant time.
   *
   * @param token the token's ASCII bytes
   * @param storedHash a hash for which {@link #canVerify(String)} is {@code true}
   * @return {@code true} when the token matches
   */
  boolean verify(byte[] token, String storedHash);

  /**
   * Whether this hasher can check a stored hash (right algorithm and, for keyed hashes, key id).
   *
   * @param storedHash a stored hash
   * @return {@code true} if it can verify it
   */
  default boolean canVerify(String storedHash) {
    return storedHash.startsWith("$" + algorithm() + "$");
  }

  /**
   * Whether a stored hash is already in this hasher's current form (algorithm, parameters, key id); when not,
   * a successful verification re-hashes the token (upgrade on use).
   *
   * @param storedHash a stored hash
   * @return {@code true} if no re-hash is needed
   */
  default boolean isCurrent(String storedHash) {
    return canVerify(storedHash);
  }
}
