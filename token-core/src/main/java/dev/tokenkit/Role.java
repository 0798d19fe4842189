package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.util.Map;
import java.util.Objects;

/**
 * A named, reusable bundle of per-API grants.
 *
 * <p>Two roles are built in: {@link #ADMIN} (FULL on every API and token management) and {@link #READONLY}
 * (READ on every API). Hosts register more with {@link TokenService.Builder#role(Role)}. A token's effective
 * access is its role's grants overridden by its own per-API grants. Immutable and thread-safe.
 *
 * <pre>{@code
 * Role support = Role.of("SUPPORT", AccessGrants.of(Map.of("tickets", AccessLevel.FULL, "*", AccessLevel.READ)));
 * }</pre>
 *
 * @param name the role name: letters, digits, '_' or '-', 1 to 64 characters; never {@code null}
 * @param grants the role's grants; never {@code null}
 * @param managesTokens whether holders may use the management API
 */
public record Role(String name, AccessGrants grants, boolean managesTokens) {

  /** FULL access to every API plus token management. */
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
   * A role without token-management rights.
   *
   * @param name the role name
   * @param grants its grants
   * @return the role
   */
  public static Role of(String name, AccessGrants grants) {
    return new Role(name, grants, false);
  }
}
