package dev.tokenkit.examples;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives {@code /docs/} (Swagger UI) the response headers the admin console at {@code /admin/} sends: a strict
 * Content-Security-Policy (scripts, styles and API calls from this origin only, no inline code, no framing), no
 * caching, no MIME sniffing and no referrer. {@code HostApplicationTest} checks that both paths send the same
 * values. Stateless and thread-safe.
 */
final class ConsoleSecurityHeaders implements Filter {
  /** The admin console's policy; Swagger UI runs under it because its start-up script is a file of its own. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletResponse response = (HttpServletResponse) res;
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    chain.doFilter(req, res);
  }
}
