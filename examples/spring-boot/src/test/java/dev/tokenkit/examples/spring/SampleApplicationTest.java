package dev.tokenkit.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * How a host tests its TokenKit-protected application: the real application on a random port with the in-memory
 * store, tokens issued through the {@link TokenService} bean, real HTTP calls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"tokenkit.store.type=memory", "tokenkit.admin.bootstrap=false"})
class SampleApplicationTest {
  @LocalServerPort int port;
  @Autowired TokenService tokens;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String issue(String owner, String role, Map<String, AccessLevel> access) {
    return tokens.issue(Actor.of("test"), IssueRequest.builder("t-" + owner, owner).role(role).access(access).build())
        .secret().reveal();
  }

  @Test
  void ordersNeedAToken() throws Exception {
    HttpResponse<String> r = call("GET", "/api/orders", null, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  @Test
  void aReadOnlyTokenReadsButCannotWrite() throws Exception {
    String token = issue("reader", "READONLY", Map.of());
    HttpResponse<String> list = call("GET", "/api/orders", token, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"caller\":\"reader\"");
    assertThat(call("POST", "/api/orders", token, "{\"item\":\"book\"}").statusCode()).isEqualTo(403);
    assertThat(call("GET", "/api/reports/daily", token, null).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdminTokenWritesAndManagesTokensButIsNotReadOnly() throws Exception {
    String admin = issue("boss", "ADMIN", Map.of());
    assertThat(call("POST", "/api/orders", admin, "{\"item\":\"book\"}").statusCode()).isEqualTo(201);
    assertThat(call("POST", "/admin/api/tokens", admin, "{\"name\":\"ci\",\"owner\":\"ci-bot\"}").statusCode())
        .isEqualTo(201);
    assertThat(call("GET", "/api/reports/daily", admin, null).statusCode()).as("@PreAuthorize hasRole('READONLY')")
        .isEqualTo(403);
  }

  @Test
  void healthShowsTokenKit() throws Exception {
    HttpResponse<String> r = call("GET", "/actuator/health", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"tokenkit\":{\"status\":\"UP\"");
  }
}
