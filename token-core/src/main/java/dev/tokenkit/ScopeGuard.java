package dev.tokenkit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.SafeEcho;
import dev.tokenkit.internal.ScopeRefusal;
import dev.tokenkit.internal.TimeSource;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Enforces an {@link Actor}'s {@link ManagementScope} for {@link TokenService}: operation, owner reach, grant cap
 * and the no-escalation rule for roles. A refusal throws {@link InsufficientScopeException} and is audited as
 * {@link AuditEventType#MANAGEMENT_DENIED} (at most once per actor, token and reason per minute of the service
 * clock, so a caller cannot flood the trail). Thread-safe.
 */
final class ScopeGuard implements ScopeRefusal {
  /** The token id of a refusal that names no existing token. */
  static final String NO_TOKEN = "-";
  private static final int MAX_DETAIL = 500;

  private final Map<String, Role> roles;
  private final AuditTrail audit;
  private final Cache<String, Boolean> recentDenials;

  ScopeGuard(Map<String, Role> roles, AuditTrail audit, TimeSource time) {
    this.roles = roles;
    this.audit = audit;
    this.recentDenials = Caffeine.newBuilder().ticker(time.ticker()).expireAfterWrite(Duration.ofMinutes(1))
        .maximumSize(10_000).build();
  }

  /** Whether nothing needs checking: the full scope allows everything. */
  static boolean unlimited(Actor actor) {
    return actor.scope().isFull();
  }

  /** The operation alone (listings and audit without an owner). */
  void operation(Actor actor, ManagementOperation op, String tokenId) {
    if (unlimited(actor)) {
      return;
    }
    ManagementScope s = actor.scope();
    if (!s.allows(op)) {
      refuse(actor, tokenId, "operation '" + op.code() + "' (this caller may: " + describe(s) + ")");
    }
  }

  /** The operation on tokens of an owner the caller named (issue, revoke all, list by owner). */
  void ownerNamed(Actor actor, ManagementOperation op, String owner) {
    if (unlimited(actor)) {
      return;
    }
    operation(actor, op, NO_TOKEN);
    if (!actor.scope().reaches(owner)) {
      refuse(actor, NO_TOKEN, "reach over owner " + SafeEcho.quote(owner) + " (this caller reaches "
          + actor.scope().describeReach() + ")");
    }
  }

  /** The operation on an existing token; its owner is not named in the message (the caller may not know it). */
  void token(Actor actor, ManagementOperation op, Token token) {
    if (unlimited(actor)) {
      return;
    }
    operation(actor, op, token.id());
    if (!actor.scope().reaches(token.owner())) {
      refuse(actor, token.id(), "reach over the owner of token '" + token.id() + "' (this caller reaches "
          + actor.scope().describeReach() + ")");
    }
  }

  /**
   * A token with this owner, role and own grants stays within what the caller may grant: its effective access
   * within the cap, its role grantable and managing no more than the caller.
   */
  void grant(Actor actor, String tokenId, String owner, String role, AccessGrants access) {
    if (unlimited(actor)) {
      return;
    }
    String excess = actor.scope().grantExcess(owner, role == null ? null : roles.get(role), access);
    if (excess != null) {
      refuse(actor, tokenId, excess);
    }
  }

  /** Refuses: audits (de-duplicated) and throws {@link InsufficientScopeException} naming what is missing. */
  @Override
  public void refuse(Actor actor, String tokenId, String missing) {
    String detail = missing.length() > MAX_DETAIL ? missing.substring(0, MAX_DETAIL) + "..." : missing;
    String key = actor.name() + '\n' + tokenId + '\n' + detail;
    if (recentDenials.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
      audit.record(AuditEventType.MANAGEMENT_DENIED, tokenId, actor, detail);
    }
    throw new InsufficientScopeException(detail);
  }

  private static String describe(ManagementScope s) {
    if (s.operations().isEmpty()) {
      return "nothing";
    }
    StringJoiner j = new StringJoiner(", ");
    s.operations().forEach(o -> j.add(o.code()));
    return j.toString();
  }
}
