package dev.tokenkit.spring.hostchain;

import static dev.tokenkit.spring.Http.bearer;
import static dev.tokenkit.spring.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.spring.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The one-line customizer in a host's own chain (Tomcat), with the in-memory store as in a host's tests. */
@Tag("starter")
@SpringBootTest(classes = HostChainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tokenkit.store.type=memory",
    "tokenkit.filter.apis.orders=/api/orders,/api/orders/**",
    "tokenkit.admin.authority=ROLE_TOKEN_ADMIN",
    "tokenkit.admin.read-only-authority=ROLE_TOKEN_AUDITOR"})
class HostChainStarterTest {
  @LocalServerPort int port;
  @Autowired TokenService tokens;

  private Http http;
  private static String full;

  @BeforeEach
  void issueOnce() {
    http = new Http(port);
    if (full == null) {
      full = tokens.issue(Actor.of("test"), IssueRequest.builder("svc", "erin").role("ADMIN").build()).secret().reveal();
    }
  }

  private static String[] basic(String user, String password) {
    return new String[] {"Authorization", "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
  }

  @Test
  void tokenKitPathsAnswerBearer401EvenInAChainWithHttpBasic() {
    HttpResponse<String> r = http.get("/api/orders");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
    assertThat(http.post("/api/orders", "{}").statusCode()).isEqualTo(401);
  }

  @Test
  void aBearerPostIsExemptFromCsrfAndSeesItsCaller() {
    HttpResponse<String> r = http.post("/api/orders", "{}", bearer(full));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("by").asText()).isEqualTo("erin");
  }

  @Test
  void theHostsOwnLoginKeepsWorkingForItsOwnPaths() {
    assertThat(http.get("/app/hello").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
        assertThat(v).startsWith("Basic"));
    HttpResponse<String> r = http.get("/app/hello", basic("boss", "boss-pw"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("hello boss");
    assertThat(http.get("/public/ping").statusCode()).as("unmatched paths are left to the host's rules")
        .isEqualTo(200);
  }

  @Test
  void signedInUsersWithTheConfiguredAuthorityMayManageTokens() {
    assertThat(http.get("/admin/api/tokens", basic("boss", "boss-pw")).statusCode()).isEqualTo(200);
    assertThat(http.get("/admin/api/tokens", basic("clerk", "clerk-pw")).statusCode()).isEqualTo(401);
    assertThat(http.get("/admin/api/tokens", bearer(full)).statusCode()).isEqualTo(200);
  }

  @Test
  void signedInUsersWithTheReadOnlyAuthorityReadButChangeNothing() {
    String[] audra = basic("audra", "audra-pw");
    assertThat(http.get("/admin/api/tokens", audra).statusCode()).isEqualTo(200);
    HttpResponse<String> me = http.get("/admin/api/me", audra);
    assertThat(json(me).get("actor").asText()).isEqualTo("audra");
    assertThat(json(me).at("/scope/write").asBoolean()).isFalse();
    assertThat(json(me).at("/scope/full").asBoolean()).isFalse();
    HttpResponse<String> issue = http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"audra\"}", audra);
    assertThat(issue.statusCode()).as(issue.body()).isEqualTo(403);
    assertThat(json(issue).get("error").asText()).isEqualTo("insufficient_scope");
    assertThat(json(http.get("/admin/api/me", basic("boss", "boss-pw"))).at("/scope/full").asBoolean()).isTrue();
  }
}
