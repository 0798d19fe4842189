package dev.tokenkit.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The sample {@code reports} API: {@code GET /api/reports}. */
final class ReportsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("report", "daily-sales");
    body.put("total", 1234.5);
    Json.write(resp, 200, body);
  }
}
