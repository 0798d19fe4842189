package dev.tokenkit.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Rejects request paths that different components could read differently, instead of guessing: path
 * parameters ({@code ;}), encoded {@code /}, {@code \}, {@code .}, {@code %} or {@code ;}, encoded control
 * characters and overlong UTF-8 lead bytes, dot segments, empty segments ({@code //}), backslashes, NUL and
 * other control characters, and replacement characters left by invalid UTF-8. Stateless and thread-safe.
 */
final class PathGuard {
  private PathGuard() {}

  /**
   * The context-relative path that route rules match: servlet path + path info, those of the included resource
   * for an include.
   *
   * @param request the request
   * @param type its dispatcher type
   * @return the decoded path; {@code /} when empty
   */
  static String pathOf(HttpServletRequest request, DispatcherType type) {
    String servletPath;
    String pathInfo;
    if (type == DispatcherType.INCLUDE) {
      servletPath = (String) request.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH);
      pathInfo = (String) request.getAttribute(RequestDispatcher.INCLUDE_PATH_INFO);
    } else {
      servletPath = request.getServletPath();
      pathInfo = request.getPathInfo();
    }
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }

  /**
   * Checks the raw request URI as sent (not decoded, without the query).
   *
   * @param rawUri {@code HttpServletRequest.getRequestURI()}
   * @return {@code true} when the raw path is unambiguous
   */
  static boolean isSafeRaw(String rawUri) {
    if (rawUri == null || rawUri.isEmpty() || rawUri.charAt(0) != '/') {
      return false;
    }
    int n = rawUri.length();
    for (int i = 0; i < n; i++) {
      char c = rawUri.charAt(i);
      if (c < 0x21 || c >= 0x7f || c == ';' || c == '\\') {
        return false;
      }
      if (c == '%') {
        if (i + 2 >= n) {
          return false;
        }
        int hi = Character.digit(rawUri.charAt(i + 1), 16);
        int lo = Character.digit(rawUri.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return false;
        }
        int b = hi * 16 + lo;
        if (b < 0x20 || b == 0x7f || b == '/' || b == '\\' || b == '.' || b == '%' || b == ';'
            || b == 0xc0 || b == 0xc1) {
          return false;
        }
        i += 2;
      }
    }
    return hasCleanSegments(rawUri);
  }

  /**
   * Checks the decoded, context-relative path the container reports.
   *
   * @param path servlet path + path info
   * @return {@code true} when the path is unambiguous
   */
  static boolean isSafeDecoded(String path) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return false;
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < 0x20 || c == 0x7f || c == ';' || c == '\\' || c == '%' || c == '\ufffd'
          || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c) && !validSurrogate(path, i)) {
        return false;
      }
    }
    return hasCleanSegments(path);
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** No "//", no "." or ".." segment (a single trailing '/' is fine). */
  private static boolean hasCleanSegments(String p) {
    int start = 1;
    int n = p.length();
    while (start <= n) {
      int end = p.indexOf('/', start);
      if (end < 0) {
        end = n;
      }
      int len = end - start;
      if (len == 0 && end != n) {
        return false; // "//"
      }
      if ((len == 1 && p.charAt(start) == '.') || (len == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.')) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }
}
