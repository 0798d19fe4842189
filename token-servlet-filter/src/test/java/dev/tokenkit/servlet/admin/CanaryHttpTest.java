package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, canary tokens in real Jetty 12 with a real HTTP client: through the filter and through the management
 * API (authenticating on its own) a canary gets exactly the answer of an ordinary invalid token, and each
 * presentation is one CANARY_TRIGGERED event with client IP, method, path and user agent.
 */
class CanaryHttpTest {
  @AutoClose private TokenService tokens;
  @AutoClose private LocalJetty jetty;
  private final List<AuditEvent> heard = new CopyOnWriteArrayList<>();
  private String admin;

  @BeforeEach
  void start() throws Exception {
    tokens = TokenService.builder().store(new InMemoryTokenStore()).auditListener(heard::add).build();
    admin = tokens.issue(Actor.system(), IssueRequest.builder("admin", "root").role("ADMIN").build()).secret().reveal();
    RouteRules rules = RouteRules.builder().api("orders", "/api/orders/**").build();
    jetty = LocalJetty.start(context -> {
      context.addFilter(new FilterHolder(TokenAuthFilter.builder(tokens).routes(rules).build()), "/api/*",
          EnumSet.allOf(DispatcherType.class));
      context.addServlet(new ServletHolder(new OkServlet()), "/api/*");
      context.addServlet(new ServletHolder(ManagementServlet.builder(tokens).apiCatalogue(rules).build()), "/admin/*");
    });
  }

  private HttpJson.Reply call(String method, String path, String token) {
    HttpRequest request = HttpRequest.newBuilder(jetty.http.uri(path)).timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token)
        .header("User-Agent", "bait-taker/1.0").build();
    return jetty.http.exchange(request);
  }

  private List<AuditEvent> triggers() {
    return heard.stream().filter(e -> e.type() == AuditEventType.CANARY_TRIGGERED).toList();
  }

  @Test
  void theManagementApiIssuesCanariesAndShowsTheFlag() {
    HttpJson.Reply r = jetty.http.post("/admin/api/tokens", "{\"name\":\"bait\",\"owner\":\"canaries\",\"canary\":true}",
        admin);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().get("token").get("canary").asBoolean()).isTrue();
    String id = r.json().get("token").get("id").asText();
    assertThat(jetty.http.get("/admin/api/tokens/" + id, admin).json().get("canary").asBoolean()).isTrue();
    HttpJson.Reply plain = jetty.http.post("/admin/api/tokens", "{\"name\":\"plain\",\"owner\":\"canaries\"}", admin);
    assertThat(plain.json().get("token").get("canary").asBoolean()).isFalse();
    assertThat(jetty.http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"o\",\"canary\":\"yes\"}", admin)
        .status()).isEqualTo(400);
  }

  @Test
  void throughTheFilterACanaryGetsTheOrdinaryInvalidTokenAnswerAndEachUseIsAudited() {
    IssuedToken bait = tokens.issue(Actor.system(), IssueRequest.builder("bait", "canaries").role("ADMIN")
        .canary(true).build());
    IssuedToken revoked = tokens.issue(Actor.system(), IssueRequest.builder("old", "alice").role("ADMIN").build());
    tokens.revoke(Actor.system(), revoked.token().id());

    HttpJson.Reply ordinary = call("GET", "/api/orders/1", revoked.secret().reveal());
    HttpJson.Reply first = call("GET", "/api/orders/1", bait.secret().reveal());
    HttpJson.Reply second = call("DELETE", "/api/orders/2", bait.secret().reveal());

    for (HttpJson.Reply r : List.of(first, second)) {
      assertThat(r.status()).isEqualTo(401).isEqualTo(ordinary.status());
      assertThat(r.raw().body()).isEqualTo(ordinary.raw().body());
      assertThat(r.header("WWW-Authenticate")).isEqualTo(ordinary.header("WWW-Authenticate"));
      assertThat(r.contentType()).isEqualTo(ordinary.contentType());
    }
    assertThat(triggers()).hasSize(2);
    assertThat(triggers().get(0).tokenId()).isEqualTo(bait.token().id());
    assertThat(triggers().get(0).actorIp()).isEqualTo("127.0.0.1");
    assertThat(triggers().get(0).detail()).isEqualTo("method=GET path=/api/orders/1 userAgent=bait-taker/1.0");
    assertThat(triggers().get(1).detail()).isEqualTo("method=DELETE path=/api/orders/2 userAgent=bait-taker/1.0");
    HttpJson.Reply audit = jetty.http.get("/admin/api/audit?tokenId=" + bait.token().id(), admin);
    assertThat(audit.json().get("items").get(0).get("type").asText()).isEqualTo("CANARY_TRIGGERED");
  }

  @Test
  void throughTheManagementApiACanaryAdminTokenGetsTheOrdinaryInvalidTokenAnswer() {
    IssuedToken bait = tokens.issue(Actor.system(), IssueRequest.builder("bait", "canaries").role("ADMIN")
        .canary(true).build());
    IssuedToken revoked = tokens.issue(Actor.system(), IssueRequest.builder("old", "alice").role("ADMIN").build());
    tokens.revoke(Actor.system(), revoked.token().id());

    HttpJson.Reply ordinary = call("GET", "/admin/api/tokens", revoked.secret().reveal());
    HttpJson.Reply canary = call("GET", "/admin/api/tokens", bait.secret().reveal());
    assertThat(canary.status()).isEqualTo(401).isEqualTo(ordinary.status());
    assertThat(canary.raw().body()).isEqualTo(ordinary.raw().body());
    assertThat(canary.header("WWW-Authenticate")).isEqualTo(ordinary.header("WWW-Authenticate"));
    assertThat(triggers()).singleElement().satisfies(e -> {
      assertThat(e.detail()).isEqualTo("method=GET path=/admin/api/tokens userAgent=bait-taker/1.0");
      assertThat(e.actorIp()).isEqualTo("127.0.0.1");
    });
  }
}
