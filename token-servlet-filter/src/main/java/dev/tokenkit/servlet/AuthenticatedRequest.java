package dev.tokenkit.servlet;

import dev.tokenkit.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** The request as handlers see it after a token was verified. Not thread-safe beyond the request's own rules. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
  /** The value of {@link #getAuthType()}. */
  static final String AUTH_TYPE = "Bearer";

  private final TokenPrincipal principal;

  AuthenticatedRequest(HttpServletRequest request, VerifiedToken token, PrincipalName naming) {
    super(request);
    this.principal = new TokenPrincipal(naming == PrincipalName.TOKEN_ID ? token.id() : token.owner(), token);
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  @Override
  public String getAuthType() {
    return AUTH_TYPE;
  }

  @Override
  public boolean isUserInRole(String role) {
    if (role == null) {
      return false;
    }
    return "**".equals(role) || role.equals(principal.token().role());
  }
}
