package dev.tokenkit.servlet.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin console's files (plain HTML, CSS and JavaScript shipped in the jar), loaded once at start. Only the
 * listed files are served, so no request path ever reaches the class loader. Immutable and thread-safe.
 */
final class StaticConsole {
  static final String RESOURCE_DIR = "/dev/tokenkit/servlet/admin/console/";

  /** A console file: its bytes and content type. */
  record Asset(byte[] bytes, String contentType) {}

  private static final Map<String, String> FILES = Map.ofEntries(
      Map.entry("index.html", "text/html; charset=utf-8"),
      Map.entry("console.css", "text/css; charset=utf-8"),
      Map.entry("api.js", "text/javascript; charset=utf-8"),
      Map.entry("dom.js", "text/javascript; charset=utf-8"),
      Map.entry("format.js", "text/javascript; charset=utf-8"),
      Map.entry("dialogs.js", "text/javascript; charset=utf-8"),
      Map.entry("forms.js", "text/javascript; charset=utf-8"),
      Map.entry("sharedsecrets.js", "text/javascript; charset=utf-8"),
      Map.entry("scope.js", "text/javascript; charset=utf-8"),
      Map.entry("usage.js", "text/javascript; charset=utf-8"),
      Map.entry("quota.js", "text/javascript; charset=utf-8"),
      Map.entry("console.js", "text/javascript; charset=utf-8"));

  /**
   * The security headers of console responses: scripts and styles only from the mount, no framing.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  StaticConsole() {
    FILES.forEach((name, type) -> assets.put(name, new Asset(load(name), type)));
  }

  /**
   * A file by its name below the console root.
   *
   * @param name e.g. {@code console.js}
   * @return the asset or {@code null}
   */
  Asset asset(String name) {
    return assets.get(name);
  }

  private static byte[] load(String name) {
    try (InputStream in = StaticConsole.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("console resource " + RESOURCE_DIR + name
            + " is missing from the classpath; the token-servlet-filter jar is incomplete");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read console resource " + name, e);
    }
  }
}
