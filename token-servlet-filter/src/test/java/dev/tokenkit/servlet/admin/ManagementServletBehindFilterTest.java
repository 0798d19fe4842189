package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.servlet.RouteRules;
import dev.tokenkit.servlet.TokenAuthFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The management servlet behind TokenKit's real authentication filter in Jetty 12: the filter's verified token is
 * used, its route rules are the API catalogue, and the console's files stay reachable through public paths.
 */
class ManagementServletBehindFilterTest {
  @AutoClose private TokenService tokens;
  @AutoClose private LocalJetty jetty;
  private HttpJson http;
  private String admin;
  private String reader;

  @BeforeEach
  void start() throws Exception {
    tokens = TokenService.builder().store(new InMemoryTokenStore()).build();
    admin = tokens.issue(Actor.system(), IssueRequest.builder("admin", "root").role("ADMIN").build()).secret().reveal();
    reader = tokens.issue(Actor.system(), IssueRequest.builder("reader", "rita").role("READONLY").build()).secret()
        .reveal();
    RouteRules rules = RouteRules.builder()
        .api("orders", "/api/orders/**")
        .api("token-admin", "/admin/api/**")
        .publicPaths("/admin", "/admin/assets/**", "/admin/api/openapi.json")
        .build();
    jetty = LocalJetty.start(context -> {
      context.addFilter(new FilterHolder(TokenAuthFilter.builder(tokens).routes(rules).build()), "/*",
          EnumSet.allOf(DispatcherType.class));
      context.addServlet(new ServletHolder(ManagementServlet.builder(tokens).apiCatalogue(rules).build()), "/admin/*");
    });
    http = jetty.http;
  }

  @Test
  void anAdminTokenVerifiedByTheFilterManagesTokens() {
    HttpJson.Reply r = http.post("/admin/api/tokens", "{\"name\": \"via-filter\", \"owner\": \"sam\"}", admin);
    assertThat(r.status()).isEqualTo(201);
    String id = r.json().get("token").get("id").asText();
    JsonNode event = http.get("/admin/api/audit?tokenId=" + id, admin).json().get("items").get(0);
    assertThat(event.get("actor").asText()).startsWith("root (token ");
  }

  @Test
  void aReadOnlyTokenPassesTheFilterForGetButTheServletRefusesIt() {
    HttpJson.Reply get = http.get("/admin/api/tokens", reader);
    assertThat(get.status()).isEqualTo(403);
    assertThat(get.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
    assertThat(http.post("/admin/api/tokens", "{}", reader).status()).as("refused by the filter").isEqualTo(403);
  }

  @Test
  void withoutCredentialsTheFilterAnswers401() {
    HttpJson.Reply r = http.get("/admin/api/tokens", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void theCatalogueComesFromTheFiltersRouteRules() {
    JsonNode items = http.get("/admin/api/apis", admin).json().get("items");
    assertThat(items).extracting(a -> a.get("name").asText()).containsExactly("orders", "token-admin");
    assertThat(items.get(0).get("pathPatterns").get(0).asText()).isEqualTo("/api/orders/**");
  }

  @Test
  void theConsoleAndTheOpenApiDocumentAreReachableThroughPublicPaths() {
    assertThat(http.get("/admin/", null).status()).isEqualTo(200);
    assertThat(http.get("/admin/assets/console.js", null).status()).isEqualTo(200);
    assertThat(http.get("/admin/api/openapi.json", null).status()).isEqualTo(200);
  }
}
