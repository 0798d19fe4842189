package dev.tokenkit.spring;

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
 * <p>Extension point for per-caller management scopes: today an accepted caller may do everything an ADMIN token
 * may; when TokenKit gains management scopes, this interface gains a default method returning the caller's scope.
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
}
