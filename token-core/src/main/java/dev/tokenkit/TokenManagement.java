package dev.tokenkit;

import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.Hashers;
import dev.tokenkit.imports.KeyImport;
import dev.tokenkit.internal.ImportedKeyIndex;
import dev.tokenkit.internal.KnownIds;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.internal.VerificationCache;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The management side of {@link TokenService}: issue, update, rotate, regenerate, status transitions, revoke all
 * and delete. Every change is a compare-and-set on the token's version, invalidates the local verification cache
 * and is audited before the call returns. Thread-safe.
 */
final class TokenManagement {
  private final TokenStore store;
  private final TimeSource time;
  private final SecureRandom random;
  private final TokenFormat format;
  private final Hashers hashers;
  private final Map<String, Role> roles;
  private final ExpiryPolicy expiryPolicy;
  private final Duration maxGracePeriod;
  private final VerificationCache cache;
  private final AuditTrail audit;
  private final TokenViews views;
  private final ScopeGuard guard;
  private final KnownIds knownIds;
  private final ImportedKeyIndex importedKeys;

  TokenManagement(TokenService.Builder b, TimeSource time, Hashers hashers, Map<String, Role> roles,
      VerificationCache cache, AuditTrail audit, TokenViews views, ScopeGuard guard, KnownIds knownIds,
      ImportedKeyIndex importedKeys) {
    this.store = b.store;
    this.time = time;
    this.random = b.random;
    this.format = b.format;
    this.hashers = hashers;
    this.roles = roles;
    this.expiryPolicy = b.expiryPolicy;
    this.maxGracePeriod = b.maxGracePeriod;
    this.cache = cache;
    this.audit = audit;
    this.views = views;
    this.guard = guard;
    this.knownIds = knownIds;
    this.importedKeys = importedKeys;
  }

  IssuedToken issue(Actor actor, IssueRequest request) {
    Instant now = time.now();
    Token token = newToken(actor, request, now);
    String raw = format.newToken(token.id(), random);
    AuditEvent event = audit.event(AuditEventType.ISSUED, token.id(), actor, token.canary() ? "canary" : null);
    store.insert(new StoredToken(token, hash(raw), null, null), event);
    added(token.id(), event);
    return new IssuedToken(views.view(token), TokenSecret.of(raw));
  }

  /**
   * Imports a key from another system: a TokenKit token with a new id whose stored hash is the imported key's, found
   * through the imported-key index (the key's digest or its own prefix).
   */
  Token importKey(Actor actor, IssueRequest request, KeyImport key) {
    Objects.requireNonNull(key, "key");
    String storedHash = switch (key.kind()) {
      case PLAIN_TEXT -> hash(key.revealMaterial());
      case SHA256 -> key.revealMaterial();
      case ARGON2ID -> {
        if (!hashers.canVerify(key.revealMaterial())) {
          throw new InvalidInputException("argon2id", "this service cannot verify Argon2id hashes: build it with "
              + ".alsoVerifyWith(SecretHashers.argon2id()) (and the de.mkammerer:argon2-jvm dependency)");
        }
        yield key.revealMaterial();
      }
    };
    Instant now = time.now();
    Token token = newToken(actor, request, now);
    AuditEvent event = audit.event(AuditEventType.ISSUED, token.id(), actor, "imported (" + key.kind() + ")");
    try {
      store.insertImported(new StoredToken(token, storedHash, null, null), key.lookup(), event);
    } catch (IllegalStateException alreadyImported) {
      throw new InvalidInputException(key.kind() == KeyImport.Kind.ARGON2ID ? "lookupPrefix" : "key",
          "this key (or another with the same " + (key.kind() == KeyImport.Kind.ARGON2ID ? "lookup prefix" : "digest")
              + ") was already imported; delete that token first or import a different key");
    }
    importedKeys.add(key.lookup(), token.id());
    added(token.id(), event);
    return views.view(token);
  }

  /** Validates an issue request against the policy and the actor's scope; returns the new token's metadata. */
  private Token newToken(Actor actor, IssueRequest request, Instant now) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(request, "request");
    Validation v = new Validation();
    String name = v.name("name", request.name(), Validation.MAX_NAME);
    String owner = v.name("owner", request.owner(), Validation.MAX_OWNER);
    String description = v.description(request.description());
    String role = v.role(request.role(), roles);
    AccessGrants access = v.access(request.access());
    List<IpRange> ips = v.ipRanges(request.allowedIps());
    String signatureSecretId = v.signatureSecretId(request.signatureSecretId(), store);
    Instant expiresAt = TimeSource.truncate(v.expiry(expiryPolicy, request.expiration(), now));
    v.throwIfInvalid();
    guard.ownerNamed(actor, ManagementOperation.ISSUE, owner);
    guard.grant(actor, ScopeGuard.NO_TOKEN, owner, role, access);
    String id = TokenCodec.newId(random);
    return new Token(id, format.issuePrefix(), name, description, owner, role, access, TokenStatus.ACTIVE,
        now, now, expiresAt, ips, null, null, 0, signatureSecretId, request.canary());
  }

  /** After a new token is stored: the local cache, the known ids and the listeners. */
  private void added(String id, AuditEvent event) {
    cache.invalidate(id);
    knownIds.add(id);
    audit.published(event);
  }

  Token update(Actor actor, String id, TokenUpdate update) {
    return update(actor, id, update, null);
  }

  /** An update whose audit event carries a detail (e.g. why the grants were narrowed). */
  Token update(Actor actor, String id, TokenUpdate update, String detail) {
    Objects.requireNonNull(update, "update");
    StoredToken current = loadChangeable(actor, id, AuditEventType.UPDATED, ManagementOperation.EDIT);
    Validation v = new Validation();
    Token next = current.token();
    if (update.name() != null) {
      next = next.withName(v.name("name", update.name(), Validation.MAX_NAME));
    }
    if (update.descriptionSet()) {
      next = next.withDescription(v.description(update.description()));
    }
    if (update.roleSet()) {
      next = next.withRole(v.role(update.role(), roles));
    }
    if (update.access() != null) {
      next = next.withAccess(v.access(update.access()));
    }
    if (update.allowedIps() != null) {
      next = next.withAllowedIps(v.ipRanges(update.allowedIps()));
    }
    if (update.signatureSecretIdSet()) {
      next = next.withSignatureSecretId(v.signatureSecretId(update.signatureSecretId(), store));
    }
    v.throwIfInvalid();
    guard.grant(actor, id, next.owner(), next.role(), next.access());
    return save(actor, current, current.withToken(next.nextVersion(time.now())), AuditEventType.UPDATED, detail);
  }

  IssuedToken rotate(Actor actor, String id, Duration gracePeriod) {
    Duration grace = gracePeriod == null ? Duration.ZERO : gracePeriod;
    if (grace.isNegative() || grace.compareTo(maxGracePeriod) > 0) {
      throw new InvalidInputException("graceSeconds", "grace period must be between 0 and "
          + maxGracePeriod.toSeconds() + " seconds");
    }
    StoredToken current = loadChangeable(actor, id, AuditEventType.ROTATED, ManagementOperation.ROTATE);
    Token t = current.token();
    guard.grant(actor, id, t.owner(), t.role(), t.access()); // the caller receives the secret of this access
    String raw = TokenCodec.newToken(t.prefix(), id, random);
    Instant now = time.now();
    StoredToken next = grace.isZero()
        ? new StoredToken(t.nextVersion(now), hash(raw), null, null)
        : new StoredToken(t.nextVersion(now), hash(raw), current.secretHash(), now.plus(grace));
    Token after = save(actor, current, next, AuditEventType.ROTATED, grace.isZero() ? null : "grace=" + grace);
    return new IssuedToken(views.view(after), TokenSecret.of(raw));
  }

  void requireScope(Actor actor, ManagementOperation op, String owner) {
    if (owner != null) {
      guard.ownerNamed(actor, op, owner);
      return;
    }
    guard.operation(actor, op, ScopeGuard.NO_TOKEN);
    if (!ScopeGuard.unlimited(actor) && actor.scope().reach() != ManagementScope.Reach.ALL) {
      guard.refuse(actor, ScopeGuard.NO_TOKEN, "reach over all owners (this caller reaches "
          + actor.scope().describeReach() + ")");
    }
  }

  IssuedToken rotateSelf(VerifiedToken self, Duration gracePeriod, String ip) {
    Objects.requireNonNull(self, "self");
    Actor actor = new Actor(self.owner() + " (token " + self.id() + ", self-rotation)", ip);
    if (self.isDeprecatedSecret()) {
      guard.refuse(actor, self.id(),
          "a current secret: this secret was rotated out and may not rotate its token again; use the new secret");
    }
    return rotate(actor, self.id(), gracePeriod);
  }

  IssuedToken regenerate(Actor actor, String id, Expiration expiration) {
    Instant expiresAt = TimeSource.truncate(expiryPolicy.resolve(expiration, time.now()));
    StoredToken current = loadChangeable(actor, id, AuditEventType.REGENERATED, ManagementOperation.REGENERATE);
    Token t = current.token();
    guard.grant(actor, id, t.owner(), t.role(), t.access()); // the caller receives the secret of this access
    String raw = TokenCodec.newToken(t.prefix(), id, random);
    StoredToken next = new StoredToken(t.withExpiry(expiresAt).nextVersion(time.now()), hash(raw), null, null);
    Token after = save(actor, current, next, AuditEventType.REGENERATED,
        expiresAt == null ? "expires=never" : "expires=" + expiresAt);
    return new IssuedToken(views.view(after), TokenSecret.of(raw));
  }

  /** Moves a token to a stored status; moving it to the status it has changes nothing and records nothing. */
  Token transition(Actor actor, String id, TokenStatus target, AuditEventType type, ManagementOperation op) {
    StoredToken current = loadChangeable(actor, id, type, op);
    if (current.token().status() == target) {
      return current.token();
    }
    StoredToken next = current.withToken(current.token().withStatus(target).nextVersion(time.now()));
    return save(actor, current, next, type, null);
  }

  /**
   * One store operation (issue 14: {@link TokenStore#revokeAll}, a constant number of statements on the JDBI
   * store, with each revocation's audit event in the same transaction), then the local cache and the listeners.
   */
  int revokeAll(Actor actor, String owner) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(owner, "owner");
    guard.ownerNamed(actor, ManagementOperation.REVOKE_ALL, owner);
    Map<String, AuditEvent> events = new ConcurrentHashMap<>();
    List<String> revoked = store.revokeAll(TextRules.nfc(owner.strip()), time.now(),
        id -> events.compute(id, (k, v) -> audit.event(AuditEventType.REVOKED, k, actor, null)));
    for (String id : revoked) {
      cache.invalidate(id);
    }
    for (String id : revoked) {
      audit.published(events.get(id));
    }
    return revoked.size();
  }

  void delete(Actor actor, String id) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    if (!ScopeGuard.unlimited(actor)) {
      guard.token(actor, ManagementOperation.DELETE, views.load(id).token());
    }
    AuditEvent event = audit.event(AuditEventType.DELETED, id, actor, null);
    if (!store.delete(id, event)) {
      throw new TokenNotFoundException(id);
    }
    cache.invalidate(id);
    audit.published(event);
  }

  /** Loads a token for a change; revoked tokens only accept a (no-op) revoke. */
  private StoredToken loadChangeable(Actor actor, String id, AuditEventType type, ManagementOperation op) {
    Objects.requireNonNull(actor, "actor");
    StoredToken current = views.load(id);
    guard.token(actor, op, current.token());
    if (current.token().status() == TokenStatus.REVOKED && type != AuditEventType.REVOKED) {
      throw new IllegalTransitionException(id, TokenStatus.REVOKED, op.code().replace('-', ' '));
    }
    return current;
  }

  /** Writes a change (compare-and-set on the version), invalidates the cache, audits it; returns the stored token. */
  private Token save(Actor actor, StoredToken current, StoredToken next, AuditEventType type, String detail) {
    AuditEvent event = audit.event(type, next.id(), actor, detail);
    store.update(next, current.version(), event);
    cache.invalidate(next.id());
    audit.published(event);
    return next.token();
  }

  private String hash(String raw) {
    return hashers.current().hash(raw.getBytes(StandardCharsets.US_ASCII));
  }
}
