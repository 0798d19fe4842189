package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules behind {@link ManagementScope}: the scope a token holds through its role, what one scope would allow
 * beyond another (no escalation) and what a token would have beyond what a caller may grant. Stateless.
 */
final class ScopeRules {
  private ScopeRules() {}

  /**
   * The management scope a token has: its role's scope bound to the token's owner, its cap narrowed to the token's
   * effective access, and its operations narrowed by the token's own grant for
   * {@link ManagementScope#MANAGEMENT_API} (or its own {@code *} grant): NONE leaves nothing, READ only the read
   * operations.
   *
   * @return the scope, or {@code null} when the token may not manage tokens
   */
  static ManagementScope ofToken(String owner, AccessGrants ownAccess, Role role, AccessGrants effective) {
    if (role == null || role.management() == null) {
      return null;
    }
    ManagementScope s = role.management().boundTo(owner).narrowedTo(effective);
    Map<String, AccessLevel> own = ownAccess.asMap();
    AccessLevel level = own.containsKey(ManagementScope.MANAGEMENT_API)
        ? own.get(ManagementScope.MANAGEMENT_API) : own.get(AccessGrants.ALL_APIS);
    if (level == AccessLevel.NONE) {
      return null;
    }
    if (level == AccessLevel.READ) {
      s = s.limitedTo(ManagementOperation.reads());
    }
    return s.operations().isEmpty() ? null : s;
  }

  /**
   * What {@code other}, given to a token of {@code owner}, would allow beyond {@code mine}, or {@code null}.
   */
  static String excessOf(ManagementScope mine, ManagementScope other, String owner) {
    ManagementScope o = other.boundTo(owner);
    List<String> excess = new ArrayList<>();
    Set<ManagementOperation> ops = EnumSet.noneOf(ManagementOperation.class);
    ops.addAll(o.operations());
    ops.removeAll(mine.operations());
    ops.forEach(op -> excess.add("operation " + op.code()));
    if (mine.reach() != ManagementScope.Reach.ALL
        && (o.reach() == ManagementScope.Reach.ALL || !mine.owners().containsAll(o.owners()))) {
      excess.add("owners beyond " + mine.describeReach());
    }
    mine.maxAccess().exceededBy(o.maxAccess()).keySet()
        .forEach(api -> excess.add("grant cap on " + SafeEcho.quote(api)));
    if (mine.grantableRoles() != null
        && (o.grantableRoles() == null || !mine.grantableRoles().containsAll(o.grantableRoles()))) {
      excess.add("roles beyond " + mine.grantableRoles());
    }
    return excess.isEmpty() ? null : String.join(", ", excess);
  }

  /** See {@link ManagementScope#grantExcess}. */
  static String grantExcess(ManagementScope mine, String owner, Role role, AccessGrants ownAccess) {
    AccessGrants effective = role == null ? ownAccess : role.grants().overriddenBy(ownAccess);
    Map<String, AccessLevel> beyond = mine.maxAccess().exceededBy(effective);
    if (!beyond.isEmpty()) {
      List<String> parts = new ArrayList<>();
      beyond.forEach((api, allowed) -> parts.add("access " + effective.levelFor(api) + " to "
          + SafeEcho.quote(api) + " (may grant at most " + allowed + ")"));
      return String.join(", ", parts);
    }
    if (role == null) {
      return null;
    }
    if (mine.grantableRoles() != null && !mine.grantableRoles().contains(role.name())) {
      return "permission to give role " + SafeEcho.quote(role.name()) + " (this caller may give: "
          + (mine.grantableRoles().isEmpty() ? "no role" : String.join(", ", mine.grantableRoles())) + ")";
    }
    ManagementScope given = ofToken(owner, ownAccess, role, effective);
    String excess = given == null ? null : excessOf(mine, given, owner);
    return excess == null ? null : "permission to give role " + SafeEcho.quote(role.name())
        + ", which manages more than this caller (" + excess + ")";
  }
}
