package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Failed authentications per client address, end to end in a real container (Jetty and Tomcat subclasses) with
 * raw HTTP from distinct loopback source addresses: an address that used up its failures gets 429 with
 * {@code Retry-After} after the configured delay, even with a valid token, while other addresses are unaffected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FailedAuthenticationLimitSuite {
  private static final Duration DELAY = Duration.ofMillis(300);
  private TokenService tokens;
  private ServletContainer container;
  private String valid;

  protected abstract ServletContainer newContainer() throws Exception;

  @BeforeAll
  void start() throws Exception {
    tokens = TokenService.builder().store(new InMemoryTokenStore()).build();
    valid = tokens.issue(Actor.of("test"), IssueRequest.builder("ok", "alice")
        .access(Map.of("orders", AccessLevel.FULL)).build()).secret().reveal();
    container = newContainer();
    ServletContainerInitializer init = (classes, ctx) -> {
      FilterRegistration.Dynamic f = ctx.addFilter("tokenkit", TokenAuthFilter.builder(tokens)
          .routes(RouteRules.builder().api("orders", "/api/orders", "/api/orders/**").build())
          .failedAuthenticationLimit(3, Duration.ofMinutes(1), DELAY).build());
      f.setAsyncSupported(true);
      f.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
      ServletRegistration.Dynamic s = ctx.addServlet("orders", new HttpServlet() {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
          resp.getWriter().write("orders");
        }
      });
      s.setAsyncSupported(true);
      s.addMapping("/api/*");
    };
    container.deploy("", init, Map.of());
    container.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (container != null) {
      container.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  private RawHttp.Response get(String from, String token) throws IOException {
    return RawHttp.sendFrom(from, container.port(), "GET /api/orders HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
  }

  @Test
  void anAddressOverItsFailuresGets429AfterTheDelayWhileOtherAddressesAreUnaffected() throws Exception {
    String flooder = "127.0.0.2";
    for (int i = 0; i < 3; i++) {
      assertThat(get(flooder, "tk_not-a-token-" + i).status()).as("failure " + (i + 1)).isEqualTo(401);
    }
    long start = System.nanoTime();
    RawHttp.Response refused = get(flooder, "tk_not-a-token-secret-looking-9");
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(refused.status()).isEqualTo(429);
    assertThat(tookMillis).as("answered after the delay").isGreaterThanOrEqualTo(DELAY.toMillis() - 20);
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    assertThat(refused.body()).contains("urn:tokenkit:problem:too-many-failed-authentications")
        .doesNotContain("secret-looking");
    assertThat(get(flooder, valid).status()).as("the address is blocked, whatever it sends").isEqualTo(429);
    String canary = tokens.issue(Actor.of("test"), IssueRequest.builder("bait", "ops").canary(true).build())
        .secret().reveal();
    assertThat(get(flooder, canary).status()).isEqualTo(429);
    assertThat(tokens.audit(AuditQuery.all()).items()).as("a canary from a blocked address still alarms")
        .anyMatch(e -> e.type() == AuditEventType.CANARY_TRIGGERED && "127.0.0.2".equals(e.actorIp()));

    String other = "127.0.0.3";
    assertThat(get(other, valid).status()).as("another address is not locked out").isEqualTo(200);
    assertThat(get(other, "tk_not-a-token").status()).isEqualTo(401);
  }
}
