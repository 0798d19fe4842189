package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.util.Map;
import java.util.Objects;

/**
 * A named, reusable bundle of per-API grants, optionally with token-management rights.
 *
 * <p>Two roles are built in: {@link #ADMIN} (FULL on every API and {@linkplain ManagementScope#full() full}
 * token management) and {@link #READONLY} (READ on every API). Hosts register more with
 * {@link TokenService.Builder#role(Role)}, including roles with a narrower management scope ({@link #managing}).
 * A token's effective access is its role's grants overridden by its own per-API grants; its management scope is
 * the role's, bound to the token's owner and narrowed by the token's own grants (see
 * {@link VerifiedToken#managementScope()}). Immutable and thread-safe.
 *
 * <pre>{@code
 * Role support = Role.of("SUPPORT", AccessGrants.of(Map.of("tickets", AccessLevel.FULL, "*", AccessLevel.READ)));
 * Role auditor = Role.managing("AUDITOR", AccessGrants.none(), ManagementScope.readOnly());
 * }</pre>
 *
 * @param name the role name: letters, digits, '_' or '-', 1 to 64 characters; never {@code null}
 * @param grants the role's grants; never {@code null}
 * @param management what holders may do through the management API, or {@code null} for nothing
 */
public record Role(String name, AccessGrants grants, ManagementScope management) {

  /** FULL access to every API plus full token management. */
  public static final Role ADMIN = new Role("ADMIN", AccessGrants.of(Map.of(AccessGrants.ALL_APIS, AccessLevel.FULL)), true);
  /** READ access to every API. */
  public static final Role READONLY = new Role("READONLY", AccessGrants.of(Map.of(AccessGrants.ALL_APIS, AccessLevel.READ)), false);

  /**
   * Validates the components.
   *
   * @throws InvalidInputException when the name is malformed
   */
  public Role {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(grants, "grants");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new InvalidInputException("role", "role name " + SafeEcho.quote(name) + " must be 1-64 letters, digits, '_' or '-'");
    }
  }

  /**
   * A role with full token management ({@code true}) or none ({@code false}).
   *
   * @param name the role name
   * @param grants its grants
   * @param managesTokens whether holders have {@link ManagementScope#full()}
   */
  public Role(String name, AccessGrants grants, boolean managesTokens) {
    this(name, grants, managesTokens ? ManagementScope.full() : null);
  }

  /**
   * A role without token-management rights.
   *
   * @param name the role name
   * @param grants its grants
   * @return the role
   */
  public static Role of(String name, AccessGrants grants) {
    return new Role(name, grants, (ManagementScope) null);
  }

  /**
   * A role whose holders may manage tokens within a scope, e.g. an auditor ({@link ManagementScope#readOnly()}) or
   * self-service ({@code ManagementScope.builder().read().write().ownTokens().build()}: each token manages its
   * owner's tokens).
   *
   * @param name the role name
   * @param grants its grants
   * @param scope what holders may do; never {@code null}
   * @return the role
   */
  public static Role managing(String name, AccessGrants grants, ManagementScope scope) {
    return new Role(name, grants, Objects.requireNonNull(scope, "scope"));
  }

  /**
   * Whether holders may use the management API at all.
   *
   * @return {@code true} when the role has a management scope
   */
  public boolean managesTokens() {
    return management != null;
  }
}
