package dev.tokenkit.spring;

import dev.tokenkit.ManagementScope;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Lets callers other than admin tokens use the management API and console, e.g. the application's signed-in
 * super administrators. Declare a bean of this type; the starter passes it to
 * {@code ManagementServlet.Builder#accessCheck}. With Spring Security, {@code tokenkit.admin.authority} declares
 * one that accepts holders of that authority. Implementations must be thread-safe.
 *
 * <pre>{@code
 * @Bean
 * TokenKitManagementAccess superAdmins() {
 *   return request -> request.isUserInRole("SUPER_ADMIN");
 * }
 * }</pre>
 *
 * <p>An accepted caller may do what {@link #scope(HttpServletRequest)} returns: everything by default, or less
 * (an auditor, a team lead, self-service), as in the README's "Who may manage tokens". The audited actor is the
 * request's principal name.
 *
 * <pre>{@code
 * @Bean
 * TokenKitManagementAccess delegated() {
 *   return new TokenKitManagementAccess() {
 *     public boolean mayManage(HttpServletRequest r) { return r.getUserPrincipal() != null; }
 *     public ManagementScope scope(HttpServletRequest r) {
 *       return r.isUserInRole("SUPER_ADMIN") ? ManagementScope.full()
 *           : ManagementScope.ownTokens(r.getUserPrincipal().getName(), AccessGrants.of(Map.of("orders", READ)));
 *     }
 *   };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TokenKitManagementAccess {
  /**
   * Whether this request's caller may manage tokens.
   *
   * @param request the request to the management API; never {@code null}
   * @return {@code true} to allow
   */
  boolean mayManage(HttpServletRequest request);

  /**
   * What an accepted caller may do; asked only after {@link #mayManage(HttpServletRequest)} returned {@code true}.
   *
   * @param request the request to the management API; never {@code null}
   * @return the caller's management scope; {@link ManagementScope#full()} by default; never {@code null}
   */
  default ManagementScope scope(HttpServletRequest request) {
    return ManagementScope.full();
  }
}
