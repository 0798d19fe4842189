package dev.tokenkit.spring.security;

import dev.tokenkit.VerifiedToken;
import dev.tokenkit.servlet.TokenPrincipal;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The Spring Security {@code Authentication} of a request that TokenKit verified: the principal is the
 * {@link TokenPrincipal} (name = the token's owner), the authorities are those of {@link TokenAuthorities}, and
 * the credentials are always {@code null} (the token's secret is never kept). Immutable; never stored in a
 * session (every request presents its token).
 *
 * <pre>{@code
 * @GetMapping("/api/orders")
 * List<Order> orders(@AuthenticationPrincipal TokenPrincipal caller) { ... caller.token().id() ... }
 * }</pre>
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  /** Not serialised: a token authentication lives for one request only. */
  private final transient TokenPrincipal principal;

  private TokenAuthentication(TokenPrincipal principal) {
    super(TokenAuthorities.of(principal.token()));
    this.principal = principal;
    setAuthenticated(true);
  }

  /**
   * The authentication of a verified token.
   *
   * @param principal the principal; never {@code null}
   * @return the authentication, authenticated
   */
  public static TokenAuthentication of(TokenPrincipal principal) {
    return new TokenAuthentication(Objects.requireNonNull(principal, "principal"));
  }

  /** @return always {@code null}: TokenKit never keeps the presented secret */
  @Override
  public Object getCredentials() {
    return null;
  }

  /** @return the {@link TokenPrincipal} */
  @Override
  public TokenPrincipal getPrincipal() {
    return principal;
  }

  /**
   * The verified token (id, owner, role, effective access).
   *
   * @return the token; never {@code null} while the request runs
   */
  public VerifiedToken getToken() {
    return principal.token();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenAuthentication other && super.equals(other)
        && Objects.equals(principal, other.principal);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Objects.hashCode(principal);
  }
}
