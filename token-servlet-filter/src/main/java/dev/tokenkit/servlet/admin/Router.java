package dev.tokenkit.servlet.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches (method, path) to an endpoint. Templates are {@code /}-separated segments where {@code {name}} captures
 * one non-empty segment. Built once, then immutable and thread-safe.
 */
final class Router {
  /** One route: method, path template and endpoint. */
  record Route(String method, String template, Endpoint endpoint) {}

  /** The result of matching: a route with its captured path parameters. */
  record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String template, Endpoint endpoint) {
    routes.add(new Route(method, template, endpoint));
    return this;
  }

  /** @return every route, in registration order */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * Finds the route for a request.
   *
   * @param method the HTTP method
   * @param path the path below the mount, e.g. {@code /api/tokens/abc}
   * @return the match
   * @throws HttpProblem 404 when no template matches the path, 405 (with the allowed methods) when only the method
   *     does not match
   */
  Match match(String method, String path) {
    Set<String> allowed = new LinkedHashSet<>();
    String[] segments = split(path);
    for (Route r : routes) {
      Map<String, String> params = matchTemplate(r.template(), segments);
      if (params != null) {
        if (r.method().equals(method)) {
          return new Match(r, params);
        }
        allowed.add(r.method());
      }
    }
    if (allowed.isEmpty()) {
      throw new HttpProblem(404, "not-found", "Not found",
          "No management API endpoint at this path; see openapi.json for the endpoints");
    }
    throw new MethodNotAllowed(allowed);
  }

  private static Map<String, String> matchTemplate(String template, String[] segments) {
    String[] parts = split(template);
    if (parts.length != segments.length) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        if (segments[i].isEmpty()) {
          return null;
        }
        params.put(p.substring(1, p.length() - 1), segments[i]);
      } else if (!p.equals(segments[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.split("/", -1);
  }

  /** 405 with the methods the path supports. */
  static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Set<String> allowed;

    MethodNotAllowed(Set<String> allowed) {
      super(null, null, false, false);
      this.allowed = Set.copyOf(allowed);
    }

    String allowHeader() {
      return String.join(", ", new java.util.TreeSet<>(allowed));
    }

    HttpProblem problem() {
      return new HttpProblem(405, "method-not-allowed", "Method not allowed",
          "This path supports " + allowHeader());
    }
  }
}
