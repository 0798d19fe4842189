/**
 * The management API (JSON over HTTP), its OpenAPI 3.1 document and the admin console for TokenKit.
 *
 * <p>The one public type is {@link dev.tokenkit.servlet.admin.ManagementServlet}; everything else here is an
 * implementation detail. The servlet does not need the authentication filter to run first: it uses the filter's
 * verified token when the filter ran, and otherwise authenticates the request's credential itself, read (like the
 * client address) by the filter's rules when built with {@code authentication(filter)}.
 */
package dev.tokenkit.servlet.admin;
