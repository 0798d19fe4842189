package dev.tokenkit;

import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.internal.VerificationCache;
import dev.tokenkit.quota.UsageQuota;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usage-quota side of {@link TokenService}: view, set, reset and remove a token's quota (management changes,
 * scope-checked and audited like edits) and take one use per request. Thread-safe.
 */
final class UsageQuotas {
  private static final Logger LOG = LoggerFactory.getLogger(UsageQuotas.class);

  private final TokenStore store;
  private final TimeSource time;
  private final VerificationCache cache;
  private final AuditTrail audit;
  private final TokenViews views;
  private final ScopeGuard guard;

  UsageQuotas(TokenStore store, TimeSource time, VerificationCache cache, AuditTrail audit, TokenViews views,
      ScopeGuard guard) {
    this.store = store;
    this.time = time;
    this.cache = cache;
    this.audit = audit;
    this.views = views;
    this.guard = guard;
  }

  UsageQuota view(Actor actor, String id) {
    Objects.requireNonNull(actor, "actor");
    StoredToken stored = views.load(id);
    guard.token(actor, ManagementOperation.VIEW, stored.token());
    return stored.quota() == null ? null : stored.quota().asOf(time.now());
  }

  UsageQuota set(Actor actor, String id, UsageQuota quota) {
    Objects.requireNonNull(quota, "quota");
    return change(actor, id, quota, "set amount=" + quota.amount() + " remaining=" + quota.remaining()
        + " refill=" + (quota.refill() == null ? "none" : quota.refill()));
  }

  UsageQuota reset(Actor actor, String id) {
    StoredToken current = views.load(id);
    if (current.quota() == null) {
      throw new InvalidInputException("quota", "token " + id + " has no usage quota to reset; set one first");
    }
    UsageQuota q = current.quota();
    return change(actor, id, new UsageQuota(q.amount(), q.amount(), q.refill(), null), "reset to " + q.amount());
  }

  void remove(Actor actor, String id) {
    change(actor, id, null, "removed");
  }

  private UsageQuota change(Actor actor, String id, UsageQuota quota, String detail) {
    Objects.requireNonNull(actor, "actor");
    StoredToken current = views.load(id);
    guard.token(actor, ManagementOperation.EDIT, current.token());
    if (current.token().status() == TokenStatus.REVOKED) {
      throw new IllegalTransitionException(id, TokenStatus.REVOKED, "change the quota of");
    }
    Instant now = time.now();
    UsageQuota stamped = quota == null ? null : quota.setAt(now);
    AuditEvent event = audit.event(AuditEventType.QUOTA_CHANGED, id, actor, detail);
    store.setQuota(current.withToken(current.token().nextVersion(now)).withQuota(stamped), current.version(), event);
    cache.invalidate(id);
    audit.published(event);
    return stamped;
  }

  boolean consumeUse(VerifiedToken token) {
    if (!token.hasUsageQuota()) {
      return true;
    }
    try {
      return store.consumeUse(token.id(), time.now());
    } catch (TokenKitException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("Token store unavailable while taking a use of token {} ({})", token.id(), e.getClass().getName());
      throw new StoreUnavailableException("The usage quota of token " + token.id() + " could not be checked because "
          + "the token store is unavailable; retry later", e);
    }
  }
}
