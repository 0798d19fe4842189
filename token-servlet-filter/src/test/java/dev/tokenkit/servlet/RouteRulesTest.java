package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteRulesTest {
  private final RouteRules rules = RouteRules.builder()
      .api("orders", "/api/orders", "/api/orders/*")
      .api("reports", "/api/reports/**")
      .api("order-items", "/api/orders/*/items/**")
      .publicPaths("/health", "/api/reports/public/**")
      .build();

  @Test
  void literalPatternMatchesWithAndWithoutTrailingSlash() {
    assertThat(rules.match("/api/orders")).isEqualTo("orders");
    assertThat(rules.match("/api/orders/")).isEqualTo("orders");
  }

  @Test
  void singleStarMatchesExactlyOneSegment() {
    assertThat(rules.match("/api/orders/42")).isEqualTo("orders");
    assertThat(rules.match("/api/orders/42/notes")).isNull();
  }

  @Test
  void doubleStarMatchesThePrefixAndEverythingBelow() {
    assertThat(rules.match("/api/reports")).isEqualTo("reports");
    assertThat(rules.match("/api/reports/2024/q1")).isEqualTo("reports");
    assertThat(rules.match("/api/reportsX")).isNull();
  }

  @Test
  void mostSpecificPatternWins() {
    assertThat(rules.match("/api/orders/42/items")).isEqualTo("order-items");
    assertThat(rules.match("/api/orders/42/items/7")).isEqualTo("order-items");
    assertThat(rules.match("/api/reports/public/summary")).isEqualTo(RouteRules.PUBLIC);
    assertThat(rules.match("/health")).isEqualTo(RouteRules.PUBLIC);
  }

  @Test
  void matchingIsCaseSensitiveAndUnmatchedPathsGiveNull() {
    assertThat(rules.match("/API/orders")).isNull();
    assertThat(rules.match("/")).isNull();
    assertThat(rules.unmatched()).isEqualTo(UnmatchedPolicy.DENY);
  }

  @Test
  void apiOnATieBeatsPublicPath() {
    RouteRules tie = RouteRules.builder().api("orders", "/api/*").publicPaths("/api/**", "/x").build();
    assertThat(tie.match("/api/1")).isEqualTo("orders");
  }

  @Test
  void apisAreExposedInDeclarationOrderForACatalogue() {
    assertThat(rules.apis()).containsExactly(
        new ApiRoute("orders", List.of("/api/orders", "/api/orders/*")),
        new ApiRoute("reports", List.of("/api/reports/**")),
        new ApiRoute("order-items", List.of("/api/orders/*/items/**")));
    assertThat(rules.publicPaths()).containsExactly("/health", "/api/reports/public/**");
    assertThatThrownBy(() -> rules.apis().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void invalidPatternsAreRejectedWithHowToFix() {
    assertThatThrownBy(() -> RouteRules.builder().api("orders", "api/orders"))
        .hasMessageContaining("must start with '/'");
    assertThatThrownBy(() -> RouteRules.builder().api("orders", "/api/orders/"))
        .hasMessageContaining("already matches the path with a trailing slash");
    assertThatThrownBy(() -> RouteRules.builder().api("orders", "/api/**/x")).hasMessageContaining("last segment");
    assertThatThrownBy(() -> RouteRules.builder().api("orders", "/api/ord*")).hasMessageContaining("whole segment");
    assertThatThrownBy(() -> RouteRules.builder().api("orders", "/api/../x")).hasMessageContaining("'..'");
    assertThatThrownBy(() -> RouteRules.builder().api("orders", "/api;x")).hasMessageContaining("';'");
    assertThatThrownBy(() -> RouteRules.builder().api("bad name", "/x")).hasMessageContaining("API name");
    assertThatThrownBy(() -> RouteRules.builder().api("orders")).hasMessageContaining("at least one path pattern");
  }

  @Test
  void thePatternCannotBelongToTwoOwners() {
    assertThatThrownBy(() -> RouteRules.builder().api("a", "/x").api("b", "/x").build())
        .hasMessageContaining("both API 'a' and API 'b'");
    assertThatThrownBy(() -> RouteRules.builder().api("a", "/x").publicPaths("/x").build())
        .hasMessageContaining("the public paths");
  }
}
