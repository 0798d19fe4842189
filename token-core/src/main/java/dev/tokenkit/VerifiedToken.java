package dev.tokenkit;

import dev.tokenkit.internal.VerifiedTokenFactory;
import java.time.Instant;
import java.util.Objects;

/**
 * A token that passed authentication, with its effective access (role grants overridden by its own grants).
 * Holds no secret. Immutable and thread-safe.
 *
 * <p>Only TokenKit creates instances: the class is final and its constructor private, so code that finds a
 * {@code VerifiedToken} (e.g. the filter's request attribute) knows TokenKit verified it. Get one from
 * {@link TokenService#authenticate(String, AuthContext)} or, in a web application, from the filter.
 *
 * <pre>{@code
 * VerifiedToken t = outcome.token();
 * if (t.allows("orders", AccessLevel.FULL)) { ... }
 * }</pre>
 */
public final class VerifiedToken {
  /** The one factory; package-private, handed by {@link TokenService} to the verification path only. */
  static final VerifiedTokenFactory FACTORY = new Factory();

  private final String id;
  private final String name;
  private final String owner;
  private final String role;
  private final AccessGrants effectiveAccess;
  private final ManagementScope managementScope;
  private final Instant expiresAt;
  private final Instant deprecatedUntil;
  private final String signatureSecretId;
  private final boolean usageQuota;

  private VerifiedToken(String id, String name, String owner, String role, AccessGrants effectiveAccess,
      ManagementScope managementScope, Instant expiresAt, Instant deprecatedUntil, String signatureSecretId,
      boolean usageQuota) {
    this.id = Objects.requireNonNull(id, "id");
    this.name = name;
    this.owner = Objects.requireNonNull(owner, "owner");
    this.role = role;
    this.effectiveAccess = Objects.requireNonNull(effectiveAccess, "effectiveAccess");
    this.managementScope = managementScope;
    this.expiresAt = expiresAt;
    this.deprecatedUntil = deprecatedUntil;
    this.signatureSecretId = signatureSecretId;
    this.usageQuota = usageQuota;
  }

  /**
   * The token id.
   *
   * @return the id; never {@code null}
   */
  public String id() {
    return id;
  }

  /**
   * The token name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The owner, used as the principal name.
   *
   * @return the owner; never {@code null}
   */
  public String owner() {
    return owner;
  }

  /**
   * The role name.
   *
   * @return the role, or {@code null} for none
   */
  public String role() {
    return role;
  }

  /**
   * Role grants overridden by the token's own grants.
   *
   * @return the effective grants; never {@code null}
   */
  public AccessGrants effectiveAccess() {
    return effectiveAccess;
  }

  /**
   * Whether the token may use the management API.
   *
   * @return {@code true} for a role that manages tokens (e.g. {@code ADMIN}) unless the token's own grants took
   *     the rights away (see {@link #managementScope()})
   */
  public boolean managesTokens() {
    return managementScope != null;
  }

  /**
   * What the token may do through the management API: its role's {@link Role#management() scope}, bound to the
   * token's owner (a role reaching "own tokens" reaches this owner's), with the grant cap narrowed to the token's
   * effective access (it never grants more than it has) and the operations narrowed by the token's own grant for
   * {@value ManagementScope#MANAGEMENT_API} or {@code *}: an {@code ADMIN} token issued with
   * {@code {"*": "NONE"}} manages nothing, one with {@code {"tokenkit.management": "READ"}} only reads.
   *
   * @return the scope, or {@code null} when the token may not manage tokens
   */
  public ManagementScope managementScope() {
    return managementScope;
  }

  /**
   * The expiry.
   *
   * @return the expiry, or {@code null} for never
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * When the presented secret is a rotated-out one in its grace period, the instant the grace period ends.
   *
   * @return the end of the grace period, or {@code null} for the current secret
   */
  public Instant deprecatedUntil() {
    return deprecatedUntil;
  }

  /**
   * The effective level for one API.
   *
   * @param api the API name
   * @return the level
   */
  public AccessLevel accessTo(String api) {
    return effectiveAccess.levelFor(api);
  }

  /**
   * Whether the token may use an API at a level.
   *
   * @param api the API name
   * @param needed the needed level
   * @return {@code true} if allowed
   */
  public boolean allows(String api, AccessLevel needed) {
    return effectiveAccess.levelFor(api).allows(needed);
  }

  /**
   * Whether the presented secret was a rotated-out one still inside its grace period.
   *
   * @return {@code true} when the client should switch to the new secret
   */
  public boolean isDeprecatedSecret() {
    return deprecatedUntil != null;
  }

  /**
   * The shared secret every request with this token must be signed with (RFC 9421 {@code hmac-sha256}); the
   * filter checks the signature before the request reaches the application.
   *
   * @return the shared secret's id, or {@code null} when requests need no signature
   */
  public String signatureSecretId() {
    return signatureSecretId;
  }

  /**
   * Whether the token carries a usage quota, so that each request takes one use
   * ({@link TokenService#consumeUse(VerifiedToken)}).
   *
   * @return {@code true} when the token had a quota when it was verified
   */
  public boolean hasUsageQuota() {
    return usageQuota;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifiedToken v && id.equals(v.id) && Objects.equals(name, v.name) && owner.equals(v.owner)
        && Objects.equals(role, v.role) && effectiveAccess.equals(v.effectiveAccess)
        && Objects.equals(managementScope, v.managementScope) && Objects.equals(expiresAt, v.expiresAt)
        && Objects.equals(deprecatedUntil, v.deprecatedUntil) && Objects.equals(signatureSecretId, v.signatureSecretId)
        && usageQuota == v.usageQuota;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, owner, role, effectiveAccess, managementScope, expiresAt, deprecatedUntil,
        signatureSecretId, usageQuota);
  }

  @Override
  public String toString() {
    return "VerifiedToken[id=" + id + ", name=" + name + ", owner=" + owner + ", role=" + role + ", effectiveAccess="
        + effectiveAccess + ", managementScope=" + managementScope + ", expiresAt=" + expiresAt + ", deprecatedUntil="
        + deprecatedUntil + ", signatureSecretId=" + signatureSecretId + ", usageQuota=" + usageQuota + "]";
  }

  /** The only code that calls the constructor. */
  private static final class Factory implements VerifiedTokenFactory {
    @Override
    public VerifiedToken verified(Token token, Role role) {
      return verified(token, role, false);
    }

    @Override
    public VerifiedToken verified(Token token, Role role, boolean usageQuota) {
      AccessGrants effective = role == null ? token.access() : role.grants().overriddenBy(token.access());
      return new VerifiedToken(token.id(), token.name(), token.owner(), token.role(), effective,
          ScopeRules.ofToken(token.owner(), token.access(), role, effective), token.expiresAt(), null,
          token.signatureSecretId(), usageQuota);
    }

    @Override
    public VerifiedToken deprecated(VerifiedToken t, Instant until) {
      return new VerifiedToken(t.id, t.name, t.owner, t.role, t.effectiveAccess, t.managementScope, t.expiresAt,
          Objects.requireNonNull(until, "until"), t.signatureSecretId, t.usageQuota);
    }
  }
}
