package dev.tokenkit;

import java.util.Objects;

/**
 * Who performs a management call, recorded in the audit trail.
 *
 * @param name the user, token id or system name; never {@code null}
 * @param ip the client IP, or {@code null} when not over the network
 */
public record Actor(String name, String ip) {
  /** Validates the name. */
  public Actor {
    Objects.requireNonNull(name, "name");
  }

  /**
   * An actor with no IP.
   *
   * @param name the name
   * @return the actor
   */
  public static Actor of(String name) {
    return new Actor(name, null);
  }

  /**
   * The host application itself.
   *
   * @return the system actor
   */
  public static Actor system() {
    return new Actor("system", null);
  }
}
