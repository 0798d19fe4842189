package dev.tokenkit.sharedsecret;

import dev.tokenkit.Actor;
import dev.tokenkit.signature.SignatureOutcome;
import dev.tokenkit.signature.SignedRequest;
import java.time.Duration;
import java.util.List;

/**
 * Shared secrets for API integrations (seed 001's "API shared secret"): named, retrievable secrets that sign
 * requests (RFC 9421 {@code hmac-sha256}) and webhooks. Values have 256 bits from the service's
 * {@code SecureRandom}, alphabet {@code [A-Za-z0-9_]}; they are stored encrypted under the host's {@link KeyRing}
 * (never hashed, so they can be revealed again; never in plaintext). Every change and every reveal is audited.
 * Obtain it from the token service; thread-safe.
 *
 * <pre>{@code
 * CreatedSharedSecret s = tokens.sharedSecrets().create(admin, "billing-integration");
 * String forTheIntegration = s.secret().reveal();
 * tokens.update(admin, tokenId, TokenUpdate.builder().signatureSecretId(s.sharedSecret().id()).build());
 * }</pre>
 */
public interface SharedSecrets {
  /**
   * Creates a shared secret.
   *
   * @param actor who; never {@code null}; only the {@link dev.tokenkit.ManagementScope#full() full} scope may
   *     manage shared secrets ({@link dev.tokenkit.InsufficientScopeException} otherwise, audited)
   * @param name a unique name, 1 to 100 characters, no control characters; never {@code null}
   * @return the metadata and the value
   * @throws dev.tokenkit.InvalidInputException when the name is invalid
   * @throws DuplicateSharedSecretException when the name is taken
   * @throws KeyRingNotConfiguredException when no key ring is configured or the store keeps no shared secrets
   * @throws dev.tokenkit.StoreUnavailableException when the store cannot be reached
   */
  CreatedSharedSecret create(Actor actor, String name);

  /**
   * Lists every shared secret, newest first; never a value.
   *
   * @return the metadata
   * @throws KeyRingNotConfiguredException when the store keeps no shared secrets
   */
  List<SharedSecret> list();

  /**
   * One shared secret's metadata.
   *
   * @param id the id; never {@code null}
   * @return the metadata
   * @throws SharedSecretNotFoundException when no secret has the id
   */
  SharedSecret get(String id);

  /**
   * Reveals the current value (the seed's "retrieval"), recording a {@code SHARED_SECRET_REVEALED} audit event.
   * Callers must hold management write rights (the management API checks them).
   *
   * @param actor who; never {@code null}; only the {@link dev.tokenkit.ManagementScope#full() full} scope may
   *     manage shared secrets ({@link dev.tokenkit.InsufficientScopeException} otherwise, audited)
   * @param id the id; never {@code null}
   * @return the value
   * @throws SharedSecretNotFoundException when no secret has the id
   * @throws KeyRingNotConfiguredException when no key ring is configured
   * @throws dev.tokenkit.TokenKitException when the value cannot be decrypted with the ring (key missing or wrong)
   */
  SharedSecretValue reveal(Actor actor, String id);

  /**
   * Rotates: a new value; the previous one keeps verifying until the overlap ends.
   *
   * @param actor who; never {@code null}; only the {@link dev.tokenkit.ManagementScope#full() full} scope may
   *     manage shared secrets ({@link dev.tokenkit.InsufficientScopeException} otherwise, audited)
   * @param id the id; never {@code null}
   * @param overlap how long the previous value still verifies ({@code null} or zero: it stops at once); at most
   *     the configured maximum grace period
   * @return the metadata and the new value
   * @throws dev.tokenkit.InvalidInputException when the overlap is negative or too long
   * @throws SharedSecretNotFoundException when no secret has the id
   * @throws dev.tokenkit.ConcurrentUpdateException when another call changed it meanwhile
   */
  CreatedSharedSecret rotate(Actor actor, String id, Duration overlap);

  /**
   * Deletes a shared secret; tokens that require it then fail every request until they are changed.
   *
   * @param actor who; never {@code null}; only the {@link dev.tokenkit.ManagementScope#full() full} scope may
   *     manage shared secrets ({@link dev.tokenkit.InsufficientScopeException} otherwise, audited)
   * @param id the id; never {@code null}
   * @throws SharedSecretNotFoundException when no secret has the id
   */
  void delete(Actor actor, String id);

  /**
   * Re-encrypts every value that is not under the key ring's primary key (after adding a new primary key), so the
   * old key can then be removed from the ring. Idempotent.
   *
   * @param actor who; never {@code null}; only the {@link dev.tokenkit.ManagementScope#full() full} scope may
   *     manage shared secrets ({@link dev.tokenkit.InsufficientScopeException} otherwise, audited)
   * @return how many shared secrets were re-encrypted
   * @throws KeyRingNotConfiguredException when no key ring is configured
   */
  int reencryptAll(Actor actor);

  /**
   * Verifies a request signed with a shared secret (RFC 9421 {@code hmac-sha256}); see
   * {@link dev.tokenkit.signature.SignatureVerifier} for the policy. The filter calls this for tokens with a
   * {@code signatureSecretId}.
   *
   * @param sharedSecretId the id the signature must name; never {@code null}
   * @param request the request; never {@code null}
   * @param body the body as received, or {@code null}
   * @return the outcome; never {@code null}
   * @throws dev.tokenkit.StoreUnavailableException when the secret is not cached and the store cannot be reached
   */
  SignatureOutcome verifyRequest(String sharedSecretId, SignedRequest request, byte[] body);

  /**
   * The {@code Accept-Signature} value (RFC 9421 §5.1) for a request that failed verification.
   *
   * @param sharedSecretId the required key id
   * @param request the request
   * @param body its body, or {@code null}
   * @return the field value
   */
  String acceptSignature(String sharedSecretId, SignedRequest request, byte[] body);
}
