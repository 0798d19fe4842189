package dev.tokenkit.servlet.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Stands in for the host's API behind the filter: 200 with {@code Cache-Control: no-store} and no body. */
final class OkServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) {
    resp.setStatus(200);
    resp.setHeader("Cache-Control", "no-store");
  }
}
