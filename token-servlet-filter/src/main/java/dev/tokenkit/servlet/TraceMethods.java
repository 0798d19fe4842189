package dev.tokenkit.servlet;

import java.util.Locale;

/**
 * TRACE and TRACK ask the server to echo the request back, headers included: on a container that answers them
 * ({@code HttpServlet.doTrace}, Jetty by default) a token in {@code Authorization} or an API-key header comes back in
 * the body, where a script that may not read the header can read the response (cross-site tracing).
 * {@link TokenAuthFilter} refuses both on every path it covers unless configured otherwise. Stateless.
 */
final class TraceMethods {
  private TraceMethods() {}

  /**
   * Whether a request method is TRACE or TRACK, in any spelling.
   *
   * @param method the request method, possibly {@code null}
   * @return {@code true} for TRACE and TRACK
   */
  static boolean isTrace(String method) {
    if (method == null) {
      return false;
    }
    String m = method.toUpperCase(Locale.ROOT);
    return m.equals("TRACE") || m.equals("TRACK");
  }
}
