package dev.tokenkit.spring.apps;

import static dev.tokenkit.spring.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.spring.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code tokenkit.filter.max-failed-authentications}: an address over its failures gets 429 with Retry-After. */
@Tag("plain")
@SpringBootTest(classes = PlainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tokenkit.store.type=memory",
    "tokenkit.filter.apis.orders=/api/orders,/api/orders/**",
    "tokenkit.filter.max-failed-authentications=2",
    "tokenkit.filter.failed-authentication-window=1m",
    "tokenkit.filter.failed-authentication-delay=50ms"})
class FailedAuthenticationLimitStarterTest {
  @LocalServerPort int port;
  @Autowired TokenService tokens;

  @Test
  void theThirdRejectedTokenFromOneAddressGets429EvenBeforeAValidToken() {
    Http http = new Http(port);
    String valid = tokens.issue(Actor.of("test"), IssueRequest.builder("ok", "alice").role("READONLY").build())
        .secret().reveal();
    assertThat(http.get("/api/orders", bearer(valid)).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/orders", bearer("tk_wrong-1")).statusCode()).isEqualTo(401);
    assertThat(http.get("/api/orders", bearer("tk_wrong-2")).statusCode()).isEqualTo(401);
    HttpResponse<String> refused = http.get("/api/orders", bearer("tk_wrong-3"));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("urn:tokenkit:problem:too-many-failed-authentications");
    assertThat(http.get("/api/orders", bearer(valid)).statusCode()).isEqualTo(429);
  }
}
