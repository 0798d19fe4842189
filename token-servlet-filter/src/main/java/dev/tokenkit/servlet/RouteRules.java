package dev.tokenkit.servlet;

import dev.tokenkit.ApiNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which paths belong to which API, which paths are public, and what happens to the rest.
 *
 * <p>Patterns are context-relative decoded paths (servlet path + path info): a literal path such as
 * {@code /api/orders} (which also matches {@code /api/orders/}), {@code *} for exactly one segment
 * ({@code /api/orders/*}), and a final {@code **} for the prefix and everything below it
 * ({@code /api/reports/**} matches {@code /api/reports} and {@code /api/reports/2024/q1}). Matching is
 * case-sensitive. When several patterns match, the one with the most literal segments wins, then one without
 * {@code **}, then one without {@code *}; on a tie an API route beats a public path, then declaration order
 * decides. A path that matches nothing follows {@link #unmatched()} ({@link UnmatchedPolicy#DENY} by default).
 *
 * <p>Immutable and thread-safe once built.
 *
 * <pre>{@code
 * RouteRules rules = RouteRules.builder()
 *     .api("orders", "/api/orders", "/api/orders/**")
 *     .api("reports", "/api/reports/**")
 *     .publicPaths("/health", "/static/**")
 *     .unmatched(UnmatchedPolicy.DENY)
 *     .build();
 * }</pre>
 */
public final class RouteRules {
  private final List<ApiRoute> apis;
  private final List<String> publicPaths;
  private final UnmatchedPolicy unmatched;
  private final Rule[] rules;

  private RouteRules(Builder b) {
    List<ApiRoute> routes = new ArrayList<>();
    b.apis.forEach((api, patterns) -> routes.add(new ApiRoute(api, patterns)));
    this.apis = List.copyOf(routes);
    this.publicPaths = List.copyOf(b.publicPaths);
    this.unmatched = b.unmatched;
    List<Rule> all = new ArrayList<>();
    Map<String, String> owners = new HashMap<>();
    for (ApiRoute r : apis) {
      for (String p : r.patterns()) {
        all.add(new Rule(PathPattern.parse(p), r.api(), all.size()));
        claim(owners, p, "API '" + r.api() + "'");
      }
    }
    for (String p : publicPaths) {
      all.add(new Rule(PathPattern.parse(p), null, all.size()));
      claim(owners, p, "the public paths");
    }
    // most specific first; API before public on a tie; then declaration order
    all.sort((x, y) -> {
      int c = Integer.compare(y.pattern.specificity(), x.pattern.specificity());
      if (c != 0) {
        return c;
      }
      c = Boolean.compare(x.api == null, y.api == null);
      return c != 0 ? c : Integer.compare(x.order, y.order);
    });
    this.rules = all.toArray(new Rule[0]);
  }

  private static void claim(Map<String, String> owners, String pattern, String owner) {
    String previous = owners.putIfAbsent(pattern, owner);
    if (previous != null && !previous.equals(owner)) {
      throw new IllegalArgumentException("Route pattern '" + pattern + "' is given to both " + previous + " and "
          + owner + "; keep it in one place");
    }
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configured APIs with their patterns, in declaration order; use it to build an API catalogue.
   *
   * @return an unmodifiable list; never {@code null}
   */
  public List<ApiRoute> apis() {
    return apis;
  }

  /**
   * The public path patterns, in declaration order.
   *
   * @return an unmodifiable list; never {@code null}
   */
  public List<String> publicPaths() {
    return publicPaths;
  }

  /**
   * What happens to a path that matches no rule.
   *
   * @return the policy; never {@code null}
   */
  public UnmatchedPolicy unmatched() {
    return unmatched;
  }

  /**
   * Finds the rule for a path that {@link PathGuard} accepted.
   *
   * @param path a normalised, context-relative path starting with '/'
   * @return the API name, {@link #PUBLIC} for a public path, or {@code null} when nothing matches
   */
  String match(String path) {
    // issue 14: matched in place, no split or substring per request
    int end = path.length() > 1 && path.endsWith("/") ? path.length() - 1 : path.length();
    if (end == 1 && path.charAt(0) == '/') {
      end = 0; // "/" has no segments
    }
    for (Rule r : rules) {
      if (r.pattern.matches(path, end)) {
        return r.api == null ? PUBLIC : r.api;
      }
    }
    return null;
  }

  /** Marker returned by {@link #match(String)} for public paths (not a valid API name). */
  static final String PUBLIC = "<public>";

  @Override
  public String toString() {
    return "RouteRules{apis=" + apis + ", publicPaths=" + publicPaths + ", unmatched=" + unmatched + "}";
  }

  private static final class Rule {
    final PathPattern pattern;
    final String api;
    final int order;

    Rule(PathPattern pattern, String api, int order) {
      this.pattern = pattern;
      this.api = api;
      this.order = order;
    }
  }

  /** Collects routes; not thread-safe. Every method validates at once. */
  public static final class Builder {
    private final Map<String, List<String>> apis = new LinkedHashMap<>();
    private final List<String> publicPaths = new ArrayList<>();
    private UnmatchedPolicy unmatched = UnmatchedPolicy.DENY;

    private Builder() {}

    /**
     * Maps path patterns to an API; calling it again for the same API adds patterns.
     *
     * @param api the API name used in grants: a letter or digit, then up to 63 letters, digits, '.', '_' or '-'
     *     ({@link ApiNames})
     * @param patterns one or more patterns, e.g. {@code /api/orders}, {@code /api/orders/**}
     * @return this builder
     * @throws IllegalArgumentException when the name or a pattern is invalid
     * @throws NullPointerException when the name is {@code null}
     */
    public Builder api(String api, String... patterns) {
      ApiNames.requireValid(api);
      if (patterns.length == 0) {
        throw new IllegalArgumentException("API '" + api + "' needs at least one path pattern, e.g. /api/" + api + "/**");
      }
      for (String p : patterns) {
        PathPattern.parse(p);
      }
      apis.computeIfAbsent(api, k -> new ArrayList<>()).addAll(List.of(patterns));
      return this;
    }

    /**
     * Adds paths that pass through without authentication.
     *
     * @param patterns patterns such as {@code /health} or {@code /static/**}
     * @return this builder
     * @throws IllegalArgumentException when a pattern is invalid
     */
    public Builder publicPaths(String... patterns) {
      for (String p : patterns) {
        PathPattern.parse(p);
        publicPaths.add(p);
      }
      return this;
    }

    /**
     * What to do with paths that match no rule; default {@link UnmatchedPolicy#DENY}.
     *
     * @param policy the policy; never {@code null}
     * @return this builder
     */
    public Builder unmatched(UnmatchedPolicy policy) {
      this.unmatched = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Builds the immutable rules.
     *
     * @return the rules
     * @throws IllegalArgumentException when one pattern is given to two owners
     */
    public RouteRules build() {
      return new RouteRules(this);
    }
  }
}
