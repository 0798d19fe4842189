package dev.tokenkit.internal.sharedsecret;

import dev.tokenkit.Actor;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.InvalidInputException;
import dev.tokenkit.TokenKitException;
import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.Base62;
import dev.tokenkit.internal.ScopeRefusal;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import dev.tokenkit.sharedsecret.KeyRing;
import dev.tokenkit.sharedsecret.KeyRingNotConfiguredException;
import dev.tokenkit.sharedsecret.SharedSecret;
import dev.tokenkit.sharedsecret.SharedSecretNotFoundException;
import dev.tokenkit.sharedsecret.SharedSecretValue;
import dev.tokenkit.sharedsecret.SharedSecrets;
import dev.tokenkit.signature.SignatureFailure;
import dev.tokenkit.signature.SignatureOutcome;
import dev.tokenkit.signature.SignatureVerifier;
import dev.tokenkit.signature.SignedRequest;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredSharedSecret;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared-secret component of the token service: management operations with audit events, and signature
 * verification through a cache of decrypted values. Thread-safe.
 */
public final class SharedSecretManager implements SharedSecrets {
  /** Every shared secret id starts with this, so change-feed ids never collide with token ids. */
  public static final String ID_PREFIX = "ss_";
  /** Every value TokenKit generates starts with this (secret scanners can recognise it). */
  public static final String VALUE_PREFIX = "tkss_";
  private static final int ID_CHARS = 16;
  private static final int VALUE_CHARS = 43; // 43 base62 characters = 256.1 bits
  private static final int MAX_NAME = 100;
  private static final Logger LOG = LoggerFactory.getLogger(SharedSecretManager.class);

  /**
   * Settings from the service builder.
   *
   * @param maxOverlap the longest rotation overlap
   * @param cacheTtl how long decrypted values are cached without a change notification
   * @param verifier the signature verifier (clock, skew, nonce policy)
   */
  public record Settings(Duration maxOverlap, Duration cacheTtl, SignatureVerifier.Builder verifier) {}

  private final SharedSecretStore store;
  private final KeyRing keyRing;
  private final AuditTrail audit;
  private final ScopeRefusal refusal;
  private final TimeSource time;
  private final SecureRandom random;
  private final Duration maxOverlap;
  private final VerificationKeys keys;
  private final SignatureVerifier verifier;

  /**
   * Creates the component.
   *
   * @param tokenStore the token store; its {@link TokenStore#sharedSecrets()} keeps the secrets
   * @param keyRing the host's keys, or {@code null} when none is configured
   * @param audit the audit trail
   * @param time the service's time source
   * @param random the randomness for ids and values
   * @param settings the settings
   */
  public SharedSecretManager(TokenStore tokenStore, KeyRing keyRing, AuditTrail audit, TimeSource time,
      SecureRandom random, Settings settings, ScopeRefusal refusal) {
    this.refusal = refusal;
    this.store = tokenStore.sharedSecrets().orElse(null);
    this.keyRing = keyRing;
    this.audit = audit;
    this.time = time;
    this.random = random;
    this.maxOverlap = settings.maxOverlap();
    this.keys = store == null || keyRing == null ? null
        : new VerificationKeys(store, keyRing, time, settings.cacheTtl());
    SharedSecretStore nonceStore = store;
    this.verifier = settings.verifier().clock(time.clock())
        .sharedNonceGuard(nonceStore == null ? null
            : (keyId, nonce, until) -> nonceStore.claimNonce(keyId, nonce, until, time.clock().instant()))
        .build();
  }

  /**
   * The listener to subscribe to the store's change feed: drops cached values of changed shared secrets.
   *
   * @return the listener
   */
  public TokenChangeListener changeListener() {
    return new TokenChangeListener() {
      @Override
      public void tokenChanged(String id) {
        changed(id);
      }

      @Override
      public void allChanged() {
        SharedSecretManager.this.allChanged();
      }
    };
  }

  /**
   * Drops a cached value after a change announced by the store (ids of tokens are ignored).
   *
   * @param id a changed id
   */
  public void changed(String id) {
    if (keys != null && id.startsWith(ID_PREFIX)) {
      keys.invalidate(id);
    }
  }

  /** Drops every cached value (the store may have missed changes). */
  public void allChanged() {
    if (keys != null) {
      keys.invalidateAll();
    }
  }

  @Override
  public CreatedSharedSecret create(Actor actor, String name) {
    Objects.requireNonNull(actor, "actor");
    requireFullScope(actor, "-");
    String n = validName(name);
    SharedSecretStore s = store();
    KeyRing ring = ring();
    StringBuilder id = new StringBuilder(ID_PREFIX);
    Base62.appendRandom(random, ID_CHARS, id);
    String value = newValue();
    Instant now = now();
    SharedSecret meta = new SharedSecret(id.toString(), n, now, now, null, 0);
    s.insertSharedSecret(new StoredSharedSecret(meta, encrypt(ring, value, meta.id()), null));
    audit.record(AuditEventType.SHARED_SECRET_CREATED, meta.id(), actor, null);
    return new CreatedSharedSecret(meta, SharedSecretValue.of(value));
  }

  @Override
  public List<SharedSecret> list() {
    return store().listSharedSecrets().stream().map(StoredSharedSecret::sharedSecret).toList();
  }

  @Override
  public SharedSecret get(String id) {
    return load(id).sharedSecret();
  }

  @Override
  public SharedSecretValue reveal(Actor actor, String id) {
    Objects.requireNonNull(actor, "actor");
    requireFullScope(actor, id);
    KeyRing ring = ring();
    StoredSharedSecret s = load(id);
    SharedSecretValue value = SharedSecretValue.of(new String(ring.decrypt(s.ciphertext(), s.id()),
        StandardCharsets.UTF_8));
    audit.record(AuditEventType.SHARED_SECRET_REVEALED, s.id(), actor, null);
    return value;
  }

  @Override
  public CreatedSharedSecret rotate(Actor actor, String id, Duration overlap) {
    Objects.requireNonNull(actor, "actor");
    requireFullScope(actor, id);
    Duration o = overlap == null ? Duration.ZERO : overlap;
    if (o.isNegative() || o.compareTo(maxOverlap) > 0) {
      throw new InvalidInputException("graceSeconds", "the overlap must be between 0 and " + maxOverlap.toSeconds()
          + " seconds");
    }
    KeyRing ring = ring();
    StoredSharedSecret current = load(id);
    String value = newValue();
    Instant now = now();
    SharedSecret meta = current.sharedSecret().rotated(now, o.isZero() ? null : now.plus(o));
    StoredSharedSecret next = new StoredSharedSecret(meta, encrypt(ring, value, id),
        o.isZero() ? null : current.ciphertext());
    store().updateSharedSecret(next, current.version());
    changed(id);
    audit.record(AuditEventType.SHARED_SECRET_ROTATED, id, actor, o.isZero() ? null : "overlap=" + o);
    return new CreatedSharedSecret(meta, SharedSecretValue.of(value));
  }

  @Override
  public void delete(Actor actor, String id) {
    Objects.requireNonNull(actor, "actor");
    requireFullScope(actor, id);
    Objects.requireNonNull(id, "id");
    if (!store().deleteSharedSecret(id)) {
      throw new SharedSecretNotFoundException(id);
    }
    changed(id);
    audit.record(AuditEventType.SHARED_SECRET_DELETED, id, actor, null);
  }

  @Override
  public int reencryptAll(Actor actor) {
    requireFullScope(actor, "-");
    Objects.requireNonNull(actor, "actor");
    KeyRing ring = ring();
    int count = 0;
    for (StoredSharedSecret s : store().listSharedSecrets()) {
      boolean stale = !ring.isPrimary(s.ciphertext())
          || (s.previousCiphertext() != null && !ring.isPrimary(s.previousCiphertext()));
      if (!stale) {
        continue;
      }
      String current = ring.encrypt(ring.decrypt(s.ciphertext(), s.id()), s.id());
      String previous = s.previousCiphertext() == null ? null
          : ring.encrypt(ring.decrypt(s.previousCiphertext(), s.id()), s.id());
      store().updateSharedSecret(new StoredSharedSecret(s.sharedSecret().nextVersion(), current, previous),
          s.version());
      audit.record(AuditEventType.SHARED_SECRET_REENCRYPTED, s.id(), actor, "key=" + ring.primaryKeyId());
      count++;
    }
    return count;
  }

  @Override
  public SignatureOutcome verifyRequest(String sharedSecretId, SignedRequest request, byte[] body) {
    Objects.requireNonNull(sharedSecretId, "sharedSecretId");
    if (keys == null) {
      LOG.error("A token requires signatures with shared secret {}, but {}", sharedSecretId, notConfigured());
      return SignatureOutcome.failed(SignatureFailure.UNKNOWN_KEY, null);
    }
    return verifier.verify(request, body, sharedSecretId, keyId -> {
      try {
        return keys.keys(keyId);
      } catch (TokenKitException e) {
        if (e instanceof dev.tokenkit.StoreUnavailableException unavailable) {
          throw unavailable;
        }
        LOG.error("Shared secret {} cannot be used to verify signatures: {}", keyId, e.getMessage());
        return List.of();
      }
    });
  }

  @Override
  public String acceptSignature(String sharedSecretId, SignedRequest request, byte[] body) {
    return verifier.acceptSignature(request, body, sharedSecretId);
  }

  // ---------------------------------------------------------------- helpers

  private StoredSharedSecret load(String id) {
    Objects.requireNonNull(id, "id");
    return store().findSharedSecret(id).orElseThrow(() -> new SharedSecretNotFoundException(id));
  }

  private SharedSecretStore store() {
    if (store == null) {
      throw new KeyRingNotConfiguredException(notConfigured());
    }
    return store;
  }

  private KeyRing ring() {
    if (keyRing == null || store == null) {
      throw new KeyRingNotConfiguredException(notConfigured());
    }
    return keyRing;
  }

  private String notConfigured() {
    if (store == null) {
      return "the token store keeps no shared secrets; use InMemoryTokenStore or JdbiTokenStore, or implement "
          + "TokenStore.sharedSecrets()";
    }
    return "no encryption key is configured for shared secrets; configure one with "
        + "TokenService.builder().sharedSecretKeys(KeyRing.builder().key(\"2026-01\", <32 bytes, e.g. from "
        + "`openssl rand -base64 32`>).build())";
  }

  private String newValue() {
    StringBuilder v = new StringBuilder(VALUE_PREFIX.length() + VALUE_CHARS).append(VALUE_PREFIX);
    Base62.appendRandom(random, VALUE_CHARS, v);
    return v.toString();
  }

  private static String encrypt(KeyRing ring, String value, String id) {
    return ring.encrypt(value.getBytes(StandardCharsets.UTF_8), id);
  }

  private static String validName(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name", "name is required");
    }
    String n = name.strip();
    if (n.length() > MAX_NAME) {
      throw new InvalidInputException("name", "name must be at most " + MAX_NAME + " characters");
    }
    if (n.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException("name", "name must not contain control characters");
    }
    return n;
  }

  private Instant now() {
    return time.now();
  }

  /**
   * Shared secrets belong to no owner, so only the full management scope manages them. A refusal goes through the
   * service's scope guard (audited as {@code MANAGEMENT_DENIED}, de-duplicated) and throws.
   */
  private void requireFullScope(Actor actor, String id) {
    Objects.requireNonNull(actor, "actor");
    if (!actor.scope().isFull()) {
      refusal.refuse(actor, id == null ? "-" : id, "the full management scope (API shared secrets belong to no owner;"
          + " this caller reaches " + actor.scope().describeReach() + ")");
    }
  }

}
