package dev.tokenkit;

import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.Hashers;
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

  TokenManagement(TokenService.Builder b, TimeSource time, Hashers hashers, Map<String, Role> roles,
      VerificationCache cache, AuditTrail audit, TokenViews views) {
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
  }

  IssuedToken issue(Actor actor, IssueRequest request) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(request, "request");
    Instant now = time.now();
    Validation v = new Validation();
    String name = v.name("name", request.name(), Validation.MAX_NAME);
    String owner = v.name("owner", request.owner(), Validation.MAX_OWNER);
    String description = v.description(request.description());
    String role = v.role(request.role(), roles);
    AccessGrants access = v.access(request.access());
    List<IpRange> ips = v.ipRanges(request.allowedIps());
    Instant expiresAt = TimeSource.truncate(v.expiry(expiryPolicy, request.expiration(), now));
    v.throwIfInvalid();

    String id = TokenCodec.newId(random);
    String raw = format.newToken(id, random);
    Token token = new Token(id, format.issuePrefix(), name, description, owner, role, access, TokenStatus.ACTIVE,
        now, now, expiresAt, ips, null, null, 0);
    store.insert(new StoredToken(token, hash(raw), null, null));
    cache.invalidate(id);
    audit.record(AuditEventType.ISSUED, id, actor, null);
    return new IssuedToken(views.view(token), TokenSecret.of(raw));
  }

  Token update(Actor actor, String id, TokenUpdate update) {
    Objects.requireNonNull(update, "update");
    StoredToken current = loadChangeable(actor, id, AuditEventType.UPDATED, "edit");
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
    v.throwIfInvalid();
    return save(actor, current, current.withToken(next.nextVersion(time.now())), AuditEventType.UPDATED, null);
  }

  IssuedToken rotate(Actor actor, String id, Duration gracePeriod) {
    Duration grace = gracePeriod == null ? Duration.ZERO : gracePeriod;
    if (grace.isNegative() || grace.compareTo(maxGracePeriod) > 0) {
      throw new InvalidInputException("graceSeconds", "grace period must be between 0 and "
          + maxGracePeriod.toSeconds() + " seconds");
    }
    StoredToken current = loadChangeable(actor, id, AuditEventType.ROTATED, "rotate");
    Token t = current.token();
    String raw = TokenCodec.newToken(t.prefix(), id, random);
    Instant now = time.now();
    StoredToken next = grace.isZero()
        ? new StoredToken(t.nextVersion(now), hash(raw), null, null)
        : new StoredToken(t.nextVersion(now), hash(raw), current.secretHash(), now.plus(grace));
    Token after = save(actor, current, next, AuditEventType.ROTATED, grace.isZero() ? null : "grace=" + grace);
    return new IssuedToken(views.view(after), TokenSecret.of(raw));
  }

  IssuedToken regenerate(Actor actor, String id, Expiration expiration) {
    Instant expiresAt = TimeSource.truncate(expiryPolicy.resolve(expiration, time.now()));
    StoredToken current = loadChangeable(actor, id, AuditEventType.REGENERATED, "regenerate");
    Token t = current.token();
    String raw = TokenCodec.newToken(t.prefix(), id, random);
    StoredToken next = new StoredToken(t.withExpiry(expiresAt).nextVersion(time.now()), hash(raw), null, null);
    Token after = save(actor, current, next, AuditEventType.REGENERATED,
        expiresAt == null ? "expires=never" : "expires=" + expiresAt);
    return new IssuedToken(views.view(after), TokenSecret.of(raw));
  }

  /** Moves a token to a stored status; moving it to the status it has changes nothing and records nothing. */
  Token transition(Actor actor, String id, TokenStatus target, AuditEventType type, String operation) {
    StoredToken current = loadChangeable(actor, id, type, operation);
    if (current.token().status() == target) {
      return current.token();
    }
    StoredToken next = current.withToken(current.token().withStatus(target).nextVersion(time.now()));
    return save(actor, current, next, type, null);
  }

  /**
   * One store operation (issue 14: {@link TokenStore#revokeAll}, a constant number of statements on the JDBI
   * store), then the local cache and one batch of audit events.
   */
  int revokeAll(Actor actor, String owner) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(owner, "owner");
    List<String> revoked = store.revokeAll(owner, time.now());
    for (String id : revoked) {
      cache.invalidate(id);
    }
    audit.recordAll(AuditEventType.REVOKED, revoked, actor, null);
    return revoked.size();
  }

  void delete(Actor actor, String id) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    if (!store.delete(id)) {
      throw new TokenNotFoundException(id);
    }
    cache.invalidate(id);
    audit.record(AuditEventType.DELETED, id, actor, null);
  }

  /** Loads a token for a change; revoked tokens only accept a (no-op) revoke. */
  private StoredToken loadChangeable(Actor actor, String id, AuditEventType type, String operation) {
    Objects.requireNonNull(actor, "actor");
    StoredToken current = views.load(id);
    if (current.token().status() == TokenStatus.REVOKED && type != AuditEventType.REVOKED) {
      throw new IllegalTransitionException(id, TokenStatus.REVOKED, operation);
    }
    return current;
  }

  /** Writes a change (compare-and-set on the version), invalidates the cache, audits it; returns the stored token. */
  private Token save(Actor actor, StoredToken current, StoredToken next, AuditEventType type, String detail) {
    store.update(next, current.version());
    cache.invalidate(next.id());
    audit.record(type, next.id(), actor, detail);
    return next.token();
  }

  private String hash(String raw) {
    return hashers.current().hash(raw.getBytes(StandardCharsets.US_ASCII));
  }
}
