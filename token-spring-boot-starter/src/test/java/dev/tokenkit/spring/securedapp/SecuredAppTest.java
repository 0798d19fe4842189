package dev.tokenkit.spring.securedapp;

import static dev.tokenkit.spring.Http.bearer;
import static dev.tokenkit.spring.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.bootstrap.AdminBootstrap;
import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.spring.Http;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * A real Boot application with Spring Security and the starter's default chain, a JdbiTokenStore on the
 * application's DataSource (H2) and the admin bootstrap; run on Tomcat and on Jetty (see the pom).
 */
@Tag("secured")
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tokenkit.filter.apis.orders=/api/orders,/api/orders/**",
    "tokenkit.filter.apis.reports=/api/reports/**",
    "tokenkit.filter.public-paths=/actuator/**,/public/**",
    "tokenkit.admin.bootstrap=true",
    "spring.datasource.url=jdbc:h2:mem:secured-app;DB_CLOSE_DELAY=-1",
    "management.endpoint.health.show-details=always",
    "management.endpoints.web.exposure.include=health,metrics"})
class SecuredAppTest {
  @LocalServerPort int port;
  @Autowired TokenService tokens;
  @Autowired TokenStore store;
  @Autowired ApplicationContext context;

  private Http http;
  // issued once per application context (shared by the test instances of this class)
  private static String readonly;
  private static String admin;
  private static String noReports;

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
    noReports = tokens.issue(Actor.of("test"), IssueRequest.builder("nr", "bob").role("READONLY")
        .access(Map.of("reports", AccessLevel.NONE)).build()).secret().reveal();
  }

  @Test
  void runsOnTheContainerOfThisExecutionWithTheJdbcStoreOnTheApplicationsDataSource() {
    assertThat(Http.webServer(context)).startsWith(Http.expectedContainer());
    assertThat(store).isInstanceOf(JdbiTokenStore.class);
    assertThat(context.getBeansOfType(UserDetailsService.class)).as("no user with a generated password").isEmpty();
  }

  @Test
  void withoutATokenAProtectedPathAnswersBearer401NeverBasic() {
    for (HttpResponse<String> r : new HttpResponse[] {http.get("/api/orders"), http.post("/api/orders", "{}")}) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).singleElement().asString().startsWith("Bearer");
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
          .startsWith("application/problem+json"));
    }
  }

  @Test
  void aValidTokenReachesTheControllerWhichSeesItsCaller() {
    HttpResponse<String> r = http.get("/api/orders", bearer(readonly));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("principal").asText()).isEqualTo("alice");
    assertThat(body.get("remoteUser").asText()).isEqualTo("alice");
    assertThat(body.get("readonly").asBoolean()).isTrue();
    assertThat(body.get("admin").asBoolean()).isFalse();
  }

  @Test
  void theAuthenticationCarriesTheTokenPrincipalAndItsAuthorities() {
    JsonNode body = json(http.get("/api/orders/me", bearer(noReports)));
    assertThat(body.get("owner").asText()).isEqualTo("bob");
    assertThat(body.get("authentication").asText()).isEqualTo("TokenAuthentication");
    assertThat(body.get("authorities").toString()).isEqualTo("[\"API_*:READ\",\"ROLE_READONLY\"]");
  }

  @Test
  void missingAccessIs403() {
    HttpResponse<String> post = http.post("/api/orders", "{}", bearer(readonly));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(post.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
        .contains("insufficient_scope"));
    assertThat(http.get("/api/reports", bearer(noReports)).statusCode()).isEqualTo(403);
    assertThat(http.post("/api/orders", "{}", bearer(admin)).statusCode()).isEqualTo(200);
  }

  @Test
  void preAuthorizeHasRoleWorksWithTokenRoles() {
    assertThat(http.get("/api/orders/readonly-only", bearer(readonly)).statusCode()).isEqualTo(200);
    HttpResponse<String> denied = http.get("/api/orders/readonly-only", bearer(admin));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).doesNotContain("Exception").doesNotContain(admin);
  }

  @Test
  void aManagementPostWithTheBootstrapAdminTokenSucceedsWithoutCsrf(CapturedOutput output) {
    String line = output.getOut().lines().filter(l -> l.startsWith(AdminBootstrap.LINE_PREFIX)).findFirst()
        .orElseThrow(() -> new AssertionError("no ADMIN TOKEN line was printed"));
    String bootstrap = line.substring(AdminBootstrap.LINE_PREFIX.length());
    assertThat(output.getOut().lines().filter(l -> l.startsWith(AdminBootstrap.LINE_PREFIX))).hasSize(1);
    assertThat(output.getAll().lines().filter(l -> l.contains(bootstrap))).hasSize(1);

    HttpResponse<String> created = http.post("/admin/api/tokens", "{\"name\":\"made-by-http\",\"owner\":\"carol\"}",
        bearer(bootstrap));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).get("secret").asText()).startsWith("tk_");
    assertThat(http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"carol\"}").statusCode()).isEqualTo(401);
    assertThat(http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"carol\"}", bearer(readonly)).statusCode())
        .isEqualTo(403);
    assertThat(http.get("/admin/").statusCode()).isEqualTo(200);
  }

  @Test
  void actuatorHealthShowsTokenKit() {
    HttpResponse<String> r = http.get("/actuator/health");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode tokenkit = json(r).get("components").get("tokenkit");
    assertThat(tokenkit.get("status").asText()).isEqualTo("UP");
    assertThat(tokenkit.get("details").get("storeReachable").asBoolean()).isTrue();
    assertThat(tokenkit.get("details").get("store").asText()).isEqualTo("JdbiTokenStore");
  }

  @Test
  void unmatchedPathsAreDeniedByDefault() {
    assertThat(http.get("/nothing-here", bearer(admin)).statusCode()).isEqualTo(404);
    assertThat(http.get("/public/ping").statusCode()).isEqualTo(200);
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
