package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz target for path guarding and route matching: the guards never throw, matching never throws on a
 * path the guard accepted, a trailing slash never changes the route, and nothing under {@code /admin} is ever
 * public. Corpus: {@code src/test/resources/dev/tokenkit/servlet/RouteRulesFuzzTestInputs/<method>/}.
 */
class RouteRulesFuzzTest {
  private static final RouteRules RULES = RouteRules.builder()
      .api("orders", "/api/orders", "/api/orders/*")
      .api("reports", "/api/reports/**")
      .api("order-items", "/api/orders/*/items/**")
      .api("admin", "/admin/**")
      .publicPaths("/health", "/api/reports/public/**", "/static/**")
      .build();

  @FuzzTest(maxDuration = "2m")
  void guardedPathsMatchConsistently(byte[] input) {
    String path = new String(input, StandardCharsets.UTF_8);
    boolean rawOk = PathGuard.isSafeRaw(path);
    boolean decodedOk = PathGuard.isSafeDecoded(path);
    if (rawOk) {
      assertThat(path).doesNotContain("/../", "/./", "//", ";", "\\");
    }
    if (!decodedOk) {
      return;
    }
    assertThat(path).doesNotContain("/../", "/./", "//", ";", "\\", "%").doesNotEndWith("/..");
    String api = RULES.match(path);
    if (!path.endsWith("/")) {
      assertThat(RULES.match(path + "/")).as("trailing slash on %s", path).isEqualTo(api);
    }
    if (path.equals("/admin") || path.startsWith("/admin/")) {
      assertThat(api).isEqualTo("admin");
    }
    try {
      PathPattern pattern = PathPattern.parse(path);
      // the in-place matcher agrees with the split-based definition on this pattern and on the routes' patterns
      assertThat(pattern.matches(path, path.length())).isEqualTo(pattern.matches(path.substring(1).split("/", -1)));
      for (String p : new String[] {"/api/orders/*", "/api/orders/*/items/**", "/api/reports/**", "/"}) {
        PathPattern route = PathPattern.parse(p);
        String[] segments = path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
        assertThat(route.matches(path, path.equals("/") ? 0 : path.length())).as("%s on %s", p, path)
            .isEqualTo(route.matches(segments));
      }
    } catch (IllegalArgumentException expected) {
      // a path is not always a valid pattern ('*' placement, trailing '/'): that is a documented rejection
    }
  }
}
