/**
 * The management API (JSON over HTTP), its OpenAPI 3.1 document and the admin console for TokenKit.
 *
 * <p>The one public type is {@link dev.tokenkit.servlet.admin.ManagementServlet}; everything else here is an
 * implementation detail. The servlet is independent of the authentication filter: it uses the filter's verified
 * token when the filter ran first, and authenticates the {@code Authorization: Bearer} header itself otherwise.
 */
package dev.tokenkit.servlet.admin;
