package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a management caller may do to tokens: which {@linkplain ManagementOperation operations} (read: list, view,
 * audit; write: issue, edit, rotate, regenerate, disable, enable, revoke, revoke all, delete), over which owners
 * (all, a set, or only its own), and the most it may grant (an {@link AccessGrants} cap and, optionally, the only
 * roles it may give). Immutable and thread-safe.
 *
 * <p>Nobody grants beyond their scope: {@link TokenService} refuses with {@link InsufficientScopeException} (and
 * audits the refusal) when a caller issues, edits, rotates or regenerates a token whose effective access exceeds
 * the cap, gives a role that manages more than the caller may, or touches tokens of owners out of reach. The
 * built-in {@code ADMIN} role has {@link #full()}; host roles carry a scope ({@link Role#managing}); a host's own
 * login gives one per signed-in user through {@link Actor#withScope(ManagementScope)}.
 *
 * <pre>{@code
 * ManagementScope superAdmin = ManagementScope.full();
 * ManagementScope auditor = ManagementScope.readOnly();
 * ManagementScope teamLead = ManagementScope.builder().read().write().owners(List.of("alice", "bob"))
 *     .maxAccess(AccessGrants.of(Map.of("orders", AccessLevel.FULL))).build();
 * ManagementScope selfService = ManagementScope.ownTokens("carol", carolsOwnAccess);
 * }</pre>
 */
public final class ManagementScope {
  /**
   * The API name under which a token's own grants narrow the management rights of its role: a token whose own
   * grants give this API (or {@code *}) {@code NONE} has no management rights, {@code READ} only the read
   * operations; without an own grant for it the role's scope applies unchanged.
   */
  public static final String MANAGEMENT_API = "tokenkit.management";

  /** Over which owners a scope reaches. */
  public enum Reach {
    /** Every owner. */
    ALL,
    /** The owners of {@link #owners()}. */
    OWNERS,
    /** Only the caller's own tokens: the owner of {@link #owners()} once bound (a role's scope binds to the owner of the token). */
    OWN
  }

  private static final AccessGrants FULL_ACCESS = AccessGrants.of(Map.of(AccessGrants.ALL_APIS, AccessLevel.FULL));
  private static final ManagementScope FULL = builder().read().write().allOwners().build();
  private static final ManagementScope READ_ONLY = builder().read().allOwners().build();

  private final Set<ManagementOperation> operations;
  private final Reach reach;
  private final Set<String> owners;
  private final AccessGrants maxAccess;
  private final Set<String> grantableRoles;

  private ManagementScope(Set<ManagementOperation> operations, Reach reach, Set<String> owners,
      AccessGrants maxAccess, Set<String> grantableRoles) {
    this.operations = operations.isEmpty() ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(operations));
    this.reach = reach;
    this.owners = Collections.unmodifiableSet(new TreeSet<>(owners));
    this.maxAccess = maxAccess;
    this.grantableRoles = grantableRoles == null ? null : Collections.unmodifiableSet(new TreeSet<>(grantableRoles));
  }

  /**
   * Everything, over every owner, any access and any role: the built-in {@code ADMIN} role's scope and the meaning
   * of every call made without a scope.
   *
   * @return the full scope
   */
  public static ManagementScope full() {
    return FULL;
  }

  /**
   * Whether this is the {@link #full() full} scope: every operation over every owner, any access and any role. Some
   * rights exist only for it, such as managing API shared secrets, which belong to no owner.
   *
   * @return {@code true} for the full scope
   */
  public boolean isFull() {
    return equals(FULL);
  }

  /**
   * An auditor: list, view and audit over every owner, no changes.
   *
   * @return the read-only scope
   */
  public static ManagementScope readOnly() {
    return READ_ONLY;
  }

  /**
   * Self-service: every operation on the owner's own tokens, granting at most {@code maxAccess} (e.g. the
   * signed-in user's own access in the host application).
   *
   * @param owner the signed-in user, as the tokens' owner; never {@code null}
   * @param maxAccess the most access the user may give a token; never {@code null}
   * @return the scope
   */
  public static ManagementScope ownTokens(String owner, AccessGrants maxAccess) {
    return builder().read().write().ownTokensOf(owner).maxAccess(maxAccess).build();
  }

  /**
   * A builder starting from nothing: no operations, all owners, cap FULL on every API, any role allowed by the
   * no-escalation rule.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the allowed operations, unmodifiable */
  public Set<ManagementOperation> operations() {
    return operations;
  }

  /**
   * Whether the scope allows an operation.
   *
   * @param operation the operation; never {@code null}
   * @return {@code true} if allowed
   */
  public boolean allows(ManagementOperation operation) {
    return operations.contains(Objects.requireNonNull(operation, "operation"));
  }

  /** @return whether any read operation is allowed */
  public boolean canRead() {
    return operations.stream().anyMatch(o -> !o.isWrite());
  }

  /** @return whether any write operation is allowed */
  public boolean canWrite() {
    return operations.stream().anyMatch(ManagementOperation::isWrite);
  }

  /** @return over which owners the scope reaches */
  public Reach reach() {
    return reach;
  }

  /**
   * The owners in reach: the set for {@link Reach#OWNERS}, the one own owner for a bound {@link Reach#OWN}, empty
   * for {@link Reach#ALL} (everyone) and for an unbound {@code OWN} (a role's template).
   *
   * @return the owners, sorted and unmodifiable
   */
  public Set<String> owners() {
    return owners;
  }

  /**
   * Whether the caller may manage tokens of an owner.
   *
   * @param owner the owner; never {@code null}
   * @return {@code true} when in reach
   */
  public boolean reaches(String owner) {
    Objects.requireNonNull(owner, "owner");
    return reach == Reach.ALL || owners.contains(owner);
  }

  /** @return the most access the caller may give a token (compared per API with a token's effective access) */
  public AccessGrants maxAccess() {
    return maxAccess;
  }

  /**
   * The only roles the caller may give, or {@code null} when any role passes that manages no more than the caller
   * (the no-escalation rule applies in both cases).
   *
   * @return role names, or {@code null}
   */
  public Set<String> grantableRoles() {
    return grantableRoles;
  }

  /**
   * This scope with an {@link Reach#OWN} reach bound to an owner (a role's scope is bound to the owner of the
   * token that uses it); other scopes are returned unchanged.
   *
   * @param owner the caller's own owner name; never {@code null}
   * @return the bound scope
   */
  public ManagementScope boundTo(String owner) {
    Objects.requireNonNull(owner, "owner");
    if (reach != Reach.OWN || !owners.isEmpty()) {
      return this;
    }
    return new ManagementScope(operations, Reach.OWN, Set.of(owner), maxAccess, grantableRoles);
  }

  /**
   * This scope with its cap lowered to what {@code access} allows as well.
   *
   * @param access the other limit, e.g. the caller's own effective access; never {@code null}
   * @return the narrowed scope
   */
  public ManagementScope narrowedTo(AccessGrants access) {
    return new ManagementScope(operations, reach, owners, maxAccess.intersection(access), grantableRoles);
  }

  /**
   * This scope limited to the given operations.
   *
   * @param allowed the operations to keep; never {@code null}
   * @return the narrowed scope
   */
  public ManagementScope limitedTo(Set<ManagementOperation> allowed) {
    Set<ManagementOperation> kept = EnumSet.noneOf(ManagementOperation.class);
    for (ManagementOperation o : operations) {
      if (allowed.contains(o)) {
        kept.add(o);
      }
    }
    return new ManagementScope(kept, reach, owners, maxAccess, grantableRoles);
  }

  /**
   * What a token of {@code owner} with this role and own grants would have beyond what this scope may grant, or
   * {@code null} when it may be given: its effective access (role grants overridden by its own) must stay within
   * {@link #maxAccess()}, its role must be {@linkplain #grantableRoles() grantable}, and the management scope the
   * token would hold must not exceed this one (no escalation). Owner reach is checked separately.
   *
   * <pre>{@code
   * String why = scope.grantExcess("alice", tokens.roles().get("ADMIN"), AccessGrants.none());
   * }</pre>
   *
   * @param owner the owner of the token; never {@code null}
   * @param role the token's role, or {@code null} for none
   * @param ownAccess the token's own grants; never {@code null}
   * @return what is missing in words, e.g. {@code access FULL to 'orders' (may grant at most READ)}, or {@code null}
   */
  public String grantExcess(String owner, Role role, AccessGrants ownAccess) {
    return ScopeRules.grantExcess(this, Objects.requireNonNull(owner, "owner"), role,
        Objects.requireNonNull(ownAccess, "ownAccess"));
  }

  /**
   * The reach in words for messages, e.g. {@code all owners} or {@code owners 'alice', 'bob'}.
   *
   * @return the description
   */
  public String describeReach() {
    if (reach == Reach.ALL) {
      return "all owners";
    }
    if (owners.isEmpty()) {
      return "its own tokens";
    }
    List<String> quoted = new ArrayList<>();
    owners.forEach(o -> quoted.add(SafeEcho.quote(o)));
    return (reach == Reach.OWN ? "its own tokens (owner " : "owners ") + String.join(", ", quoted)
        + (reach == Reach.OWN ? ")" : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManagementScope s && operations.equals(s.operations) && reach == s.reach
        && owners.equals(s.owners) && maxAccess.equals(s.maxAccess) && Objects.equals(grantableRoles, s.grantableRoles);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operations, reach, owners, maxAccess, grantableRoles);
  }

  @Override
  public String toString() {
    return "ManagementScope[operations=" + operations + ", reach=" + reach + ", owners=" + owners + ", maxAccess="
        + maxAccess + ", grantableRoles=" + grantableRoles + "]";
  }

  /** Builds a {@link ManagementScope}. Setters validate at once; not thread-safe. */
  public static final class Builder {
    private final Set<ManagementOperation> operations = EnumSet.noneOf(ManagementOperation.class);
    private Reach reach = Reach.ALL;
    private Set<String> owners = Set.of();
    private AccessGrants maxAccess = FULL_ACCESS;
    private Set<String> grantableRoles;

    private Builder() {}

    /**
     * Adds list, view and audit.
     *
     * @return this builder
     */
    public Builder read() {
      operations.addAll(ManagementOperation.reads());
      return this;
    }

    /**
     * Adds every write operation (issue, edit, rotate, regenerate, disable, enable, revoke, revoke all, delete).
     *
     * @return this builder
     */
    public Builder write() {
      operations.addAll(ManagementOperation.writes());
      return this;
    }

    /**
     * Adds operations.
     *
     * @param ops the operations; never {@code null}
     * @return this builder
     */
    public Builder operations(Collection<ManagementOperation> ops) {
      ops.forEach(o -> operations.add(Objects.requireNonNull(o, "operation")));
      return this;
    }

    /**
     * Adds operations.
     *
     * @param ops the operations
     * @return this builder
     */
    public Builder operations(ManagementOperation... ops) {
      return operations(List.of(ops));
    }

    /**
     * Reaches every owner (the default).
     *
     * @return this builder
     */
    public Builder allOwners() {
      this.reach = Reach.ALL;
      this.owners = Set.of();
      return this;
    }

    /**
     * Reaches only these owners, e.g. the members of a team (delegated administration).
     *
     * @param names the owners; never {@code null} or empty
     * @return this builder
     * @throws IllegalArgumentException when empty or a name is blank
     */
    public Builder owners(Collection<String> names) {
      Set<String> copy = new TreeSet<>();
      for (String n : Objects.requireNonNull(names, "owners")) {
        copy.add(requireOwner(n));
      }
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("owners must name at least one owner; use ownTokens() or allOwners()");
      }
      this.reach = Reach.OWNERS;
      this.owners = copy;
      return this;
    }

    /**
     * Reaches only the caller's own tokens; for a role's scope, bound to each token's owner when it is used.
     *
     * @return this builder
     */
    public Builder ownTokens() {
      this.reach = Reach.OWN;
      this.owners = Set.of();
      return this;
    }

    /**
     * Reaches only the tokens of one owner, the signed-in user (self-service).
     *
     * @param owner the user's owner name; never blank
     * @return this builder
     */
    public Builder ownTokensOf(String owner) {
      this.reach = Reach.OWN;
      this.owners = Set.of(requireOwner(owner));
      return this;
    }

    /**
     * The most access the caller may give a token (default FULL on every API): a token's effective access (role
     * grants overridden by its own) must stay within it for every API.
     *
     * @param cap the cap; never {@code null}
     * @return this builder
     */
    public Builder maxAccess(AccessGrants cap) {
      this.maxAccess = Objects.requireNonNull(cap, "maxAccess");
      return this;
    }

    /**
     * The only roles the caller may give (default: any role whose grants and management scope stay within this
     * scope). Giving no role is always allowed.
     *
     * @param roles role names; never {@code null}
     * @return this builder
     */
    public Builder grantableRoles(Collection<String> roles) {
      this.grantableRoles = Set.copyOf(roles);
      return this;
    }

    /** @return the scope */
    public ManagementScope build() {
      return new ManagementScope(operations, reach, owners, maxAccess, grantableRoles);
    }

    private static String requireOwner(String owner) {
      if (owner == null || owner.isBlank()) {
        throw new IllegalArgumentException("an owner name must not be blank");
      }
      return owner.strip();
    }
  }
}
