package dev.tokenkit.servlet;

/**
 * What {@code getUserPrincipal().getName()} and {@code getRemoteUser()} return for a verified token.
 *
 * <pre>{@code
 * TokenAuthFilter.builder(tokens).routes(rules).principalName(PrincipalName.TOKEN_ID).build();
 * }</pre>
 */
public enum PrincipalName {
  /** The token's owner, e.g. {@code alice} (the default). */
  OWNER,
  /** The token's public id, which is stable and safe to log. */
  TOKEN_ID
}
