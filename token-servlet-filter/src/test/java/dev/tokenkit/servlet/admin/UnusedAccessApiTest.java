package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.servlet.RouteRules;
import dev.tokenkit.servlet.TokenAuthFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 in real Jetty 12 with a real HTTP client: requests the filter routes to an API are recorded per token and
 * API; the management API reports grants never used, records the report as events, and narrows a token to what it
 * used through the ordinary, audited update.
 */
class UnusedAccessApiTest {
  @AutoClose private TokenService tokens;
  @AutoClose private LocalJetty jetty;
  private final List<AuditEvent> heard = new CopyOnWriteArrayList<>();
  private String admin;
  private IssuedToken ci;

  @BeforeEach
  void start() throws Exception {
    tokens = TokenService.builder().store(new InMemoryTokenStore()).auditListener(heard::add).build();
    admin = tokens.issue(Actor.system(), IssueRequest.builder("admin", "root").role("ADMIN").build()).secret().reveal();
    ci = tokens.issue(Actor.system(), IssueRequest.builder("ci", "alice")
        .access(Map.of("orders", AccessLevel.FULL, "billing", AccessLevel.READ)).build());
    RouteRules rules = RouteRules.builder().api("orders", "/api/orders/**").api("billing", "/api/billing/**")
        .publicPaths("/admin/**").build();
    jetty = LocalJetty.start(context -> {
      context.addFilter(new FilterHolder(TokenAuthFilter.builder(tokens).routes(rules).build()), "/api/*",
          EnumSet.allOf(DispatcherType.class));
      context.addServlet(new ServletHolder(new OkServlet()), "/api/*");
      context.addServlet(new ServletHolder(ManagementServlet.builder(tokens).apiCatalogue(rules).build()), "/admin/*");
    });
    assertThat(jetty.http.send("GET", "/api/orders/1", null, null, ci.secret().reveal()).status()).isEqualTo(200);
  }

  @Test
  void theReportListsTheNeverUsedGrantWithTheLastUseOfTheOthers() {
    HttpJson.Reply r = jetty.http.get("/admin/api/reports/unused-access?days=30", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("days").asInt()).isEqualTo(30);
    JsonNode item = null;
    for (JsonNode i : r.json().get("items")) {
      item = i.get("token").get("id").asText().equals(ci.token().id()) ? i : item;
    }
    assertThat(item).as("the ci token is listed").isNotNull();
    assertThat(item.get("unused")).singleElement().satisfies(g -> {
      assertThat(g.get("api").asText()).isEqualTo("billing");
      assertThat(g.get("level").asText()).isEqualTo("READ");
      assertThat(g.get("lastUsedAt").isNull()).isTrue();
      assertThat(g.get("fromRole").asBoolean()).isFalse();
    });
    assertThat(item.get("lastUse").has("orders")).isTrue();
    assertThat(jetty.http.get("/admin/api/reports/unused-access?days=0", admin).status()).isEqualTo(400);
    assertThat(jetty.http.get("/admin/api/reports/unused-access?days=abc", admin).status()).isEqualTo(400);
  }

  @Test
  void aRecordedReportReachesTheListeners() {
    HttpJson.Reply r = jetty.http.post("/admin/api/reports/unused-access", "{\"days\": 30, \"owner\": \"alice\"}",
        admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(heard).filteredOn(e -> e.type() == AuditEventType.UNUSED_ACCESS_REPORTED)
        .extracting(AuditEvent::tokenId).contains(ci.token().id());
    assertThat(jetty.http.post("/admin/api/reports/unused-access", "{\"dayz\": 30}", admin).status()).isEqualTo(400);
  }

  @Test
  void narrowingKeepsWhatWasUsedAndIsAuditedAsAnUpdate() {
    HttpJson.Reply r = jetty.http.post("/admin/api/tokens/" + ci.token().id() + "/narrow", "{\"days\": 30}", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("access").get("orders").asText()).isEqualTo("FULL");
    assertThat(r.json().get("access").get("*").asText()).isEqualTo("NONE");
    assertThat(r.json().get("access").has("billing")).isFalse();
    assertThat(jetty.http.send("GET", "/api/billing/1", null, null, ci.secret().reveal()).status()).isEqualTo(403);
    assertThat(jetty.http.send("GET", "/api/orders/1", null, null, ci.secret().reveal()).status()).isEqualTo(200);
    JsonNode events = jetty.http.get("/admin/api/audit?tokenId=" + ci.token().id(), admin).json().get("items");
    assertThat(events.findValuesAsText("detail")).contains("narrowed to used APIs (30 days)");
    assertThat(jetty.http.post("/admin/api/tokens/nope/narrow", "{}", admin).status()).isEqualTo(404);
  }
}
