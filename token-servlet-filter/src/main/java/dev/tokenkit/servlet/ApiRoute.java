package dev.tokenkit.servlet;

import java.util.List;
import java.util.Objects;

/**
 * One API of the host application and the path patterns that belong to it, as configured in {@link RouteRules}.
 * A host can build its API catalogue (for example the management API's list of APIs) from
 * {@link RouteRules#apis()}. Immutable and thread-safe.
 *
 * <pre>{@code
 * for (ApiRoute r : rules.apis()) {
 *   System.out.println(r.api() + " -> " + r.patterns());   // orders -> [/api/orders, /api/orders/**]
 * }
 * }</pre>
 *
 * @param api the API name as used in token grants, e.g. {@code orders}; never {@code null}
 * @param patterns the path patterns, in declaration order; never {@code null} or empty, unmodifiable
 */
public record ApiRoute(String api, List<String> patterns) {

  /**
   * Validates and copies the components.
   *
   * @param api the API name
   * @param patterns the path patterns
   *
   * @throws IllegalArgumentException when no pattern is given
   */
  public ApiRoute {
    Objects.requireNonNull(api, "api");
    patterns = List.copyOf(patterns);
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("API '" + api + "' needs at least one path pattern, e.g. /api/" + api + "/**");
    }
  }
}
