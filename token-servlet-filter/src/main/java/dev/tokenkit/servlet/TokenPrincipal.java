package dev.tokenkit.servlet;

import dev.tokenkit.VerifiedToken;
import java.security.Principal;
import java.util.Objects;

/**
 * The principal of a request authenticated by {@link TokenAuthFilter}: a name (owner or token id, see
 * {@link PrincipalName}) and the {@link VerifiedToken}. Holds no secret. Immutable and thread-safe.
 *
 * <pre>{@code
 * if (request.getUserPrincipal() instanceof TokenPrincipal p) {
 *   log.info("request by token {}", p.token().id());
 * }
 * }</pre>
 *
 * @param name the principal name; never {@code null}
 * @param token the verified token; never {@code null}
 */
public record TokenPrincipal(String name, VerifiedToken token) implements Principal {

  /**
   * Validates the components.
   *
   * @param name the principal name
   * @param token the verified token
   */
  public TokenPrincipal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(token, "token");
  }

  /**
   * The principal name.
   *
   * @return the owner or token id
   */
  @Override
  public String getName() {
    return name;
  }
}
