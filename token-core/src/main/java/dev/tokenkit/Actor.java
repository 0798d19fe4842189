package dev.tokenkit;

import java.util.Objects;

/**
 * Who performs a management call, recorded in the audit trail, and what it may do ({@link ManagementScope}).
 *
 * <p>An actor made without a scope ({@link #of(String)}, {@link #system()}, the two-argument constructor) has
 * {@link ManagementScope#full()}: host code calling {@link TokenService} directly keeps every right, as before
 * scopes existed. Give callers that act for someone else their scope with {@link #withScope(ManagementScope)}; a
 * host's own login does so for its signed-in user. Immutable and thread-safe.
 *
 * <pre>{@code
 * Actor carol = new Actor("carol", "198.51.100.4")
 *     .withScope(ManagementScope.ownTokens("carol", AccessGrants.of(Map.of("orders", AccessLevel.READ))));
 * tokens.issue(carol, IssueRequest.builder("laptop", "carol").access(Map.of("orders", AccessLevel.READ)).build());
 * }</pre>
 *
 * @param name the user, token id or system name; never {@code null}
 * @param ip the client IP, or {@code null} when not over the network
 * @param scope what the actor may do; never {@code null}
 */
public record Actor(String name, String ip, ManagementScope scope) {
  /** Validates the components. */
  public Actor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
  }

  /**
   * An actor with every right ({@link ManagementScope#full()}).
   *
   * @param name the name; never {@code null}
   * @param ip the client IP, or {@code null}
   */
  public Actor(String name, String ip) {
    this(name, ip, ManagementScope.full());
  }

  /**
   * An actor with no IP and every right.
   *
   * @param name the name
   * @return the actor
   */
  public static Actor of(String name) {
    return new Actor(name, null);
  }

  /**
   * The host application itself, with every right.
   *
   * @return the system actor
   */
  public static Actor system() {
    return new Actor("system", null);
  }

  /**
   * This actor with another scope.
   *
   * @param newScope what the actor may do; never {@code null}
   * @return the copy
   */
  public Actor withScope(ManagementScope newScope) {
    return new Actor(name, ip, newScope);
  }

  /**
   * This actor with another client IP (e.g. filled in by the management servlet for a host check's actor).
   *
   * @param newIp the client IP, or {@code null}
   * @return the copy
   */
  public Actor withIp(String newIp) {
    return new Actor(name, newIp, scope);
  }
}
