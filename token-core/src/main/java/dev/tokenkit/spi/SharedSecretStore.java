package dev.tokenkit.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of shared secrets (encrypted, never plaintext) and of the nonces of signed requests. A
 * {@link TokenStore} offers it through {@link TokenStore#sharedSecrets()}; both built-in stores do. Every
 * implementation must pass the shared-secret contract kit ({@code dev.tokenkit.testkit.SharedSecretStoreContract}).
 * Implementations are thread-safe and throw {@link dev.tokenkit.StoreUnavailableException} when the backing storage
 * cannot be reached. Changes are announced to the token store's change listeners with the shared secret's id (ids
 * start with {@code ss_}, so they never collide with token ids).
 */
public interface SharedSecretStore {
  /**
   * Inserts a new shared secret.
   *
   * @param secret the secret (version 0)
   * @throws dev.tokenkit.sharedsecret.DuplicateSharedSecretException when the name is taken
   */
  void insertSharedSecret(StoredSharedSecret secret);

  /**
   * Finds a shared secret by id.
   *
   * @param id the id
   * @return the secret, or empty
   */
  Optional<StoredSharedSecret> findSharedSecret(String id);

  /**
   * Lists every shared secret, newest first ({@code createdAt} desc, then id desc). Hosts have a handful.
   *
   * @return the secrets
   */
  List<StoredSharedSecret> listSharedSecrets();

  /**
   * Replaces a shared secret if its stored version is still {@code expectedVersion} (compare-and-set); the new
   * value's version must be {@code expectedVersion + 1}.
   *
   * @param secret the new value
   * @param expectedVersion the version the caller read
   * @throws dev.tokenkit.sharedsecret.SharedSecretNotFoundException when no secret has the id
   * @throws dev.tokenkit.ConcurrentUpdateException when the stored version differs
   */
  void updateSharedSecret(StoredSharedSecret secret, long expectedVersion);

  /**
   * Deletes a shared secret.
   *
   * @param id the id
   * @return {@code true} if it existed
   */
  boolean deleteSharedSecret(String id);

  /**
   * Claims a signature nonce for all nodes sharing this store: the first claim of {@code (keyId, nonce)} wins until
   * {@code rememberUntil}. Expired claims may be purged at any time. The default remembers nothing and returns
   * {@code true}: replay protection is then per node only.
   *
   * @param keyId the shared secret's id
   * @param nonce the nonce (at most 256 characters; longer ones are rejected before this call)
   * @param rememberUntil until when the claim must be remembered
   * @param now the current time, for purging expired claims
   * @return {@code true} for the first claim; {@code false} when already claimed and not expired
   */
  default boolean claimNonce(String keyId, String nonce, Instant rememberUntil, Instant now) {
    return true;
  }
}
