package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.servlet.RouteRules;
import dev.tokenkit.servlet.TokenAuthFilter;
import java.net.http.HttpRequest;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The management servlet reads credentials and client addresses by the filter's rules when built with
 * {@code authentication(filter)}: one place configures the API-key header and the trusted proxies. Two servlets
 * run in a real Jetty 12, one with the filter's rules at {@code /shared/*} and one without at {@code /plain/*};
 * the filter itself is not mounted, so the servlet parses every credential itself.
 */
class ManagementServletSharedRulesTest {
  @AutoClose private TokenService tokens;
  @AutoClose private LocalJetty jetty;
  private HttpJson http;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    tokens = TokenService.builder().store(new InMemoryTokenStore()).build();
    admin = tokens.issue(Actor.system(), IssueRequest.builder("admin", "root").role("ADMIN").build()).secret().reveal();
    TokenAuthFilter filter = TokenAuthFilter.builder(tokens)
        .routes(RouteRules.builder().api("orders", "/api/orders/**").build())
        .apiKeyHeader("X-API-Key")
        .trustedProxies("127.0.0.1")
        .build();
    jetty = LocalJetty.start(context -> {
      context.addServlet(new ServletHolder(ManagementServlet.builder(tokens).authentication(filter).build()),
          "/shared/*");
      context.addServlet(new ServletHolder(ManagementServlet.builder(tokens).build()), "/plain/*");
    });
    http = jetty.http;
  }

  private HttpJson.Reply get(String path, String... headers) {
    return http.exchange(HttpRequest.newBuilder(http.uri(path)).headers(headers).build());
  }

  @Test
  void theFiltersApiKeyHeaderIsHonoured() {
    assertThat(get("/shared/api/tokens", "X-API-Key", admin).status()).isEqualTo(200);
    HttpJson.Reply plain = get("/plain/api/tokens", "X-API-Key", admin);
    assertThat(plain.status()).as("without the filter's rules only Authorization: Bearer counts").isEqualTo(401);
    assertThat(plain.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void twoCredentialsAreAnInvalidRequestAsInTheFilter() {
    for (String mount : List.of("/shared", "/plain")) {
      HttpJson.Reply basicAndBearer = get(mount + "/api/tokens",
          "Authorization", "Basic YWxpY2U6c2VjcmV0", "Authorization", "Bearer " + admin);
      assertThat(basicAndBearer.status()).as(mount).isEqualTo(400);
      assertThat(basicAndBearer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_request\"");
      assertThat(basicAndBearer.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:invalid-request");
      assertThat(basicAndBearer.raw().body()).doesNotContain(admin);
    }
    HttpJson.Reply keyAndBearer = get("/shared/api/tokens", "X-API-Key", admin, "Authorization", "Bearer " + admin);
    assertThat(keyAndBearer.status()).isEqualTo(400);
    assertThat(get("/shared/api/tokens", "Authorization", "Bearer\t" + admin).status())
        .as("a malformed Bearer value").isEqualTo(400);
  }

  @Test
  void theAuditedClientAddressFollowsTheFiltersTrustedProxies() {
    String shared = issue("/shared", "via-proxy");
    String plain = issue("/plain", "direct");
    assertThat(actorIp("/shared", shared)).isEqualTo("203.0.113.9");
    assertThat(actorIp("/plain", plain)).as("the forwarding header is ignored without trusted proxies")
        .isEqualTo("127.0.0.1");
  }

  @Test
  void aContainerCreatedFilterMustBeInitialisedFirst() {
    assertThatThrownBy(() -> ManagementServlet.builder(tokens).authentication(new TokenAuthFilter()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not initialised");
  }

  private String issue(String mount, String name) {
    HttpJson.Reply r = http.exchange(HttpRequest.newBuilder(http.uri(mount + "/api/tokens"))
        .header("Authorization", "Bearer " + admin).header("X-Forwarded-For", "203.0.113.9")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"owner\": \"sam\"}")).build());
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("token").get("id").asText();
  }

  private String actorIp(String mount, String id) {
    return get(mount + "/api/audit?tokenId=" + id, "Authorization", "Bearer " + admin).json()
        .get("items").get(0).get("actorIp").asText();
  }
}
