package dev.tokenkit.servlet;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.VerifiedToken;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Small helpers for handlers behind {@link TokenAuthFilter}: read the verified token and check finer access in
 * code. Stateless and thread-safe.
 *
 * <pre>{@code
 * VerifiedToken t = TokenAuth.current(request).orElseThrow();
 * if (TokenAuth.allows(request, "refunds", AccessLevel.FULL)) { ... }
 * TokenAuth.require(request, "refunds", AccessLevel.FULL);   // or let the filter answer 403
 * }</pre>
 */
public final class TokenAuth {
  private TokenAuth() {}

  /**
   * The token the filter verified for this request.
   *
   * @param request the request; never {@code null}
   * @return the token, or empty on public or unauthenticated paths
   */
  public static Optional<VerifiedToken> current(ServletRequest request) {
    Object value = Objects.requireNonNull(request, "request").getAttribute(TokenAuthFilter.VERIFIED_TOKEN_ATTRIBUTE);
    return value instanceof VerifiedToken t ? Optional.of(t) : Optional.empty();
  }

  /**
   * Whether the request's token grants a level on an API (its role's grants overridden by its own).
   *
   * @param request the request; never {@code null}
   * @param api the API name; never {@code null}
   * @param level the needed level; never {@code null}
   * @return {@code false} when there is no verified token or it lacks the access
   */
  public static boolean allows(ServletRequest request, String api, AccessLevel level) {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(level, "level");
    return current(request).map(t -> t.allows(api, level)).orElse(false);
  }

  /**
   * The request's token, if it grants a level on an API.
   *
   * @param request the request; never {@code null}
   * @param api the API name; never {@code null}
   * @param level the needed level; never {@code null}
   * @return the verified token
   * @throws TokenAccessDeniedException when there is no verified token or it lacks the access; the filter turns
   *     it into 401 or 403
   */
  public static VerifiedToken require(ServletRequest request, String api, AccessLevel level) {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(level, "level");
    VerifiedToken t = current(request).orElseThrow(() -> new TokenAccessDeniedException(
        "No verified API token on this request; map the path to an API in the filter's RouteRules", false));
    if (!t.allows(api, level)) {
      throw new TokenAccessDeniedException("Token " + t.id() + " lacks " + level + " access to API '" + api
          + "'; grant it to the token or its role", true);
    }
    return t;
  }

  /**
   * The request's token, if it may manage tokens (the {@code ADMIN} role or a role with token management).
   *
   * @param request the request; never {@code null}
   * @return the verified token
   * @throws TokenAccessDeniedException when there is no verified token or it may not manage tokens
   */
  public static VerifiedToken requireTokenManagement(ServletRequest request) {
    VerifiedToken t = current(request).orElseThrow(() -> new TokenAccessDeniedException(
        "No verified API token on this request; map the path to an API in the filter's RouteRules", false));
    if (!t.managesTokens()) {
      throw new TokenAccessDeniedException("Token " + t.id() + " may not manage tokens; give it the ADMIN role"
          + " or a role with token management", true);
    }
    return t;
  }
}
