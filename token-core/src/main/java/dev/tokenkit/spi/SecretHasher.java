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

  /**
   * Whether checking one of this hasher's hashes is expensive (a deliberately slow function such as Argon2id, or
   * anything costing far more than a microsecond). After repeated wrong secrets for one token id, TokenKit refuses
   * further checks of expensive hashes for a while, so the hasher cannot be turned into a CPU attack; cheap hashes
   * are always checked, because token ids are public and throttling them would only let anyone lock the right
   * secret out. The default is {@code true}, the safe choice for a hasher of unknown cost; a fast hasher (e.g.
   * SHA-256 or HMAC-SHA256 of a high-entropy token) returns {@code false}.
   *
   * <pre>{@code
   * @Override
   * public boolean isExpensiveToVerify() {
   *   return false; // one HMAC per check
   * }
   * }</pre>
   *
   * @return {@code true} when failed checks of this hasher's hashes are throttled per token id
   */
  default boolean isExpensiveToVerify() {
    return true;
  }
}
