package dev.tokenkit.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /}: a short page linking the console, the docs and the APIs. */
final class HomeServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/html;charset=UTF-8");
    resp.getWriter().write("<!doctype html><html lang=\"en\"><head><title>TokenKit example</title></head><body>"
        + "<h1>TokenKit example</h1><ul>"
        + "<li><a href=\"/admin/\">Admin console</a> (paste the ADMIN TOKEN printed at first start)</li>"
        + "<li><a href=\"/docs/\">API documentation</a></li>"
        + "<li><code>GET /api/orders</code>, <code>POST /api/orders</code>, <code>GET /api/reports</code> "
        + "with <code>Authorization: Bearer &lt;token&gt;</code></li></ul></body></html>");
  }
}
