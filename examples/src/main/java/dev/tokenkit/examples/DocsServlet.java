package dev.tokenkit.examples;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /docs/}: Swagger UI (from the {@code org.webjars:swagger-ui} jar, not hand-written) reading the management
 * API's {@code openapi.json}. Serves only a fixed set of files; {@link ConsoleSecurityHeaders} adds the admin
 * console's security headers.
 */
final class DocsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> FILES = Map.of(
      "swagger-ui.css", "text/css",
      "swagger-ui-bundle.js", "application/javascript",
      "swagger-ui-standalone-preset.js", "application/javascript",
      "favicon-32x32.png", "image/png");

  private final String webjarRoot = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";

  private static String swaggerUiVersion() {
    Properties p = new Properties();
    try (InputStream in = DocsServlet.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the org.webjars:swagger-ui jar is missing from the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return p.getProperty("version");
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo();
    if (path == null) {
      resp.sendRedirect("/docs/");
      return;
    }
    String name = path.substring(1);
    if (name.isEmpty() || name.equals("index.html")) {
      serve(resp, "dev/tokenkit/examples/docs/index.html", "text/html;charset=UTF-8");
    } else if (name.equals("docs-init.js")) {
      serve(resp, "dev/tokenkit/examples/docs/docs-init.js", "application/javascript");
    } else if (FILES.containsKey(name)) {
      serve(resp, webjarRoot + name, FILES.get(name));
    } else {
      resp.sendError(404);
    }
  }

  private static void serve(HttpServletResponse resp, String resource, String type) throws IOException {
    try (InputStream in = DocsServlet.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        resp.sendError(404);
        return;
      }
      resp.setContentType(type);
      in.transferTo(resp.getOutputStream());
    }
  }
}
