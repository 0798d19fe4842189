package dev.tokenkit.spring.apps;

import static dev.tokenkit.spring.Http.bearer;
import static dev.tokenkit.spring.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.spring.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A real Boot application without Spring Security (the pom runs this class with Spring Security off the
 * classpath), the in-memory store, on Tomcat and on Jetty: the filter is registered with the container.
 */
@Tag("plain")
@SpringBootTest(classes = PlainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tokenkit.store.type=memory",
    "tokenkit.filter.apis.orders=/api/orders,/api/orders/**",
    "tokenkit.filter.apis.reports=/api/reports/**",
    "tokenkit.filter.public-paths=/actuator/**,/public/**",
    "tokenkit.filter.api-key-header=X-API-Key",
    "management.endpoint.health.show-details=always",
    "management.endpoints.web.exposure.include=health,metrics"})
class PlainAppTest {
  @LocalServerPort int port;
  @Autowired TokenService tokens;
  @Autowired TokenStore store;
  @Autowired ApplicationContext context;

  private Http http;
  // issued once per application context (shared by the test instances of this class)
  private static String readonly;
  private static String admin;

  @BeforeEach
  void issueTokensOnce() {
    http = new Http(port);
    if (readonly != null) {
      return;
    }
    readonly = tokens.issue(Actor.of("test"), IssueRequest.builder("ro", "alice").role("READONLY").build())
        .secret().reveal();
    admin = tokens.issue(Actor.of("test"), IssueRequest.builder("adm", "root").role("ADMIN").build())
        .secret().reveal();
  }

  @Test
  void springSecurityIsAbsentAndTheContainerIsTheOneOfThisExecution() {
    assertThat(getClass().getClassLoader().getResource("org/springframework/security/web/SecurityFilterChain.class"))
        .isNull();
    assertThat(Http.webServer(context)).startsWith(Http.expectedContainer());
    assertThat(store).isInstanceOf(InMemoryTokenStore.class);
  }

  @Test
  void withoutATokenTheAnswerIsBearer401() {
    HttpResponse<String> r = http.get("/api/orders");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
  }

  @Test
  void theControllerSeesTheTokenPrincipal() {
    JsonNode body = json(http.get("/api/orders", "X-API-Key", readonly));
    assertThat(body.get("principal").asText()).isEqualTo("alice");
    assertThat(body.get("principalType").asText()).isEqualTo("TokenPrincipal");
    assertThat(body.get("remoteUser").asText()).isEqualTo("alice");
    assertThat(body.get("readonly").asBoolean()).isTrue();
  }

  @Test
  void missingAccessIs403AndFullAccessPasses() {
    assertThat(http.post("/api/orders", "{}", bearer(readonly)).statusCode()).isEqualTo(403);
    assertThat(http.post("/api/orders", "{}", bearer(admin)).statusCode()).isEqualTo(200);
  }

  @Test
  void theManagementApiIsMountedAndCovered() {
    HttpResponse<String> created = http.post("/admin/api/tokens", "{\"name\":\"n\",\"owner\":\"dave\"}", bearer(admin));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(http.get("/admin/api/tokens", bearer(readonly)).statusCode()).isEqualTo(403);
    assertThat(http.get("/admin/api/apis", bearer(admin)).body()).contains("orders").contains("reports");
  }

  @Test
  void actuatorHealthShowsTokenKit() {
    JsonNode tokenkit = json(http.get("/actuator/health")).get("components").get("tokenkit");
    assertThat(tokenkit.get("status").asText()).isEqualTo("UP");
    assertThat(tokenkit.get("details").get("store").asText()).isEqualTo("InMemoryTokenStore");
  }

  @Test
  void tokenKitMetricsExistAfterTraffic() {
    http.get("/api/orders", bearer(readonly));
    http.get("/api/orders", bearer(readonly));
    http.get("/api/orders", bearer("tk_not_a_real_token"));
    assertThat(http.meterCount("tokenkit.verifications?tag=outcome:verified")).isGreaterThanOrEqualTo(2);
    assertThat(http.meterCount("tokenkit.verifications?tag=outcome:malformed")).isGreaterThanOrEqualTo(1);
    assertThat(http.meterCount("tokenkit.cache.gets?tag=result:hit")).isGreaterThanOrEqualTo(1);
    assertThat(http.meterCount("tokenkit.management.operations?tag=type:issued")).isGreaterThanOrEqualTo(2);
    for (String gauge : new String[] {"tokenkit.cache.size", "tokenkit.last.use.pending", "tokenkit.last.use.flushes",
        "tokenkit.cache.gets?tag=result:miss"}) {
      assertThat(http.get("/actuator/metrics/" + gauge).statusCode()).as(gauge).isEqualTo(200);
    }
  }
}
