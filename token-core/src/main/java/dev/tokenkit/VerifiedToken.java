package dev.tokenkit;

import java.time.Instant;
import java.util.Objects;

/**
 * A token that passed authentication, with its effective access (role grants overridden by its own grants).
 * Holds no secret. Immutable and thread-safe.
 *
 * <pre>{@code
 * VerifiedToken t = outcome.token();
 * if (t.allows("orders", AccessLevel.FULL)) { ... }
 * }</pre>
 *
 * @param id the token id
 * @param name the token name
 * @param owner the owner, used as the principal name
 * @param role the role name, or {@code null}
 * @param effectiveAccess role grants overridden by the token's own grants
 * @param managesTokens whether the token may use the management API
 * @param expiresAt the expiry, or {@code null} for never
 * @param deprecatedUntil when the presented secret is a rotated-out one in its grace period, the instant the
 *     grace period ends; otherwise {@code null}
 */
public record VerifiedToken(
    String id,
    String name,
    String owner,
    String role,
    AccessGrants effectiveAccess,
    boolean managesTokens,
    Instant expiresAt,
    Instant deprecatedUntil) {

  /** Validates the components. */
  public VerifiedToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(effectiveAccess, "effectiveAccess");
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
   * A copy marking the presented secret as deprecated until {@code until}.
   *
   * @param until the end of the grace period
   * @return the copy
   */
  public VerifiedToken deprecated(Instant until) {
    return new VerifiedToken(id, name, owner, role, effectiveAccess, managesTokens, expiresAt, until);
  }
}
