package dev.tokenkit.servlet;

/**
 * What {@link TokenAuthFilter} does with a request whose path matches neither an API route nor a public path.
 *
 * <pre>{@code
 * RouteRules rules = RouteRules.builder().api("orders", "/api/orders/**").unmatched(UnmatchedPolicy.DENY).build();
 * }</pre>
 */
public enum UnmatchedPolicy {
  /** Answer 404 with a fixed problem body, whatever credentials were sent (the default: nothing is left open by accident). */
  DENY,
  /** Require any valid token, without checking access to a particular API. */
  AUTHENTICATE,
  /** Let the request through unauthenticated, like a public path. */
  PERMIT
}
