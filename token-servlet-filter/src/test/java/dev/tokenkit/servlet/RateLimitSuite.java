package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.quota.UsageQuota;
import dev.tokenkit.ratelimit.InMemoryRateLimiter;
import dev.tokenkit.ratelimit.RateLimit;
import dev.tokenkit.ratelimit.RateLimits;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits through the filter in a real container (Jetty and Tomcat subclasses) with a real HTTP client: 3
 * requests per minute per token, 5 per minute per owner; the 429 carries {@code Retry-After}, the draft's
 * {@code RateLimit-Policy} and {@code RateLimit} headers and a fixed problem body.
 */
abstract class RateLimitSuite extends ContainerSuite {
  static final Actor ADMIN = Actor.of("test-admin");

  @BeforeAll
  void start() throws Exception {
    tokens = TokenService.builder().store(new InMemoryTokenStore()).clock(clock).build();
    RateLimits limits = RateLimits.builder(InMemoryRateLimiter.withClock(clock))
        .perToken(RateLimit.perMinute(3)).perOwner(RateLimit.perMinute(5)).build();
    serve(TokenAuthFilter.builder(tokens)
        .routes(RouteRules.builder().api("orders", "/api/orders", "/api/orders/**").build())
        .rateLimits(limits).build(), new OkServlet());
  }

  static final class OkServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain;charset=utf-8");
      resp.getWriter().write("ok");
    }
  }

  private Duration shifted = Duration.ZERO;

  /** Moves the clock forward (OffsetClock.shift sets an absolute offset). */
  private void advance(Duration by) {
    shifted = shifted.plus(by);
    clock.shift(shifted);
  }

  private String issue(String name, String owner) {
    return tokens.issue(ADMIN, IssueRequest.builder(name, owner).access(Map.of("orders", AccessLevel.FULL)).build())
        .secret().reveal();
  }

  private HttpResponse<String> get(String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/orders")).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void overThePerTokenLimitAnswers429WithDraftHeaders() throws Exception {
    String token = issue("ci", "alice");
    HttpResponse<String> first = get(token);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("RateLimit-Policy")).hasValue("\"token\";q=3;w=60, \"owner\";q=5;w=60");
    assertThat(first.headers().firstValue("RateLimit")).hasValue("\"token\";r=2;t=20, \"owner\";r=4;t=12");
    assertThat(get(token).statusCode()).isEqualTo(200);
    assertThat(get(token).statusCode()).isEqualTo(200);
    HttpResponse<String> limited = get(token);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
    assertThat(limited.headers().firstValue("RateLimit-Policy")).hasValue("\"token\";q=3;w=60");
    assertThat(limited.headers().firstValue("RateLimit")).hasValue("\"token\";r=0;t=60");
    assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(limited.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(limited.body()).contains("\"type\":\"urn:tokenkit:problem:rate-limited\"", "\"status\":429")
        .doesNotContain(token);
    advance(Duration.ofSeconds(20));
    assertThat(get(token).statusCode()).isEqualTo(200);
  }

  @Test
  void theOwnerLimitIsSharedByAllItsTokens() throws Exception {
    String one = issue("one", "bob");
    String two = issue("two", "bob");
    String other = issue("three", "carol");
    for (int i = 0; i < 3; i++) {
      assertThat(get(one).statusCode()).isEqualTo(200);
    }
    assertThat(get(two).statusCode()).isEqualTo(200);
    assertThat(get(two).statusCode()).isEqualTo(200);
    HttpResponse<String> limited = get(two);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("RateLimit")).hasValueSatisfying(
        v -> assertThat(v).contains("\"owner\";r=0;"));
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("12");
    assertThat(get(other).statusCode()).isEqualTo(200); // another owner is unaffected
  }

  @Test
  void anExhaustedUsageQuotaAnswers429UntilReset() throws Exception {
    String token = issue("metered", "dora");
    String id = tokens.format().idOf(token);
    tokens.setQuota(ADMIN, id, UsageQuota.of(2));
    assertThat(get(token).statusCode()).isEqualTo(200);
    assertThat(get(token).statusCode()).isEqualTo(200);
    HttpResponse<String> exhausted = get(token);
    assertThat(exhausted.statusCode()).isEqualTo(429);
    assertThat(exhausted.body()).isEqualTo("{\"type\":\"urn:tokenkit:problem:quota-exhausted\",\"title\":"
        + "\"Too Many Requests\",\"status\":429,\"detail\":\"The usage quota of this API token is used up. It is "
        + "refilled on its schedule or reset by an administrator.\"}");
    assertThat(exhausted.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(tokens.quota(ADMIN, id).remaining()).isZero();
    tokens.resetQuota(ADMIN, id);
    advance(Duration.ofMinutes(1)); // the rate limit (3 per minute) is not what is tested here
    assertThat(get(token).statusCode()).isEqualTo(200);
    assertThat(tokens.quota(ADMIN, id).remaining()).isEqualTo(1);
  }

  @Test
  void rejectedTokensAreNotCounted() throws Exception {
    HttpResponse<String> bad = get("tk_notatoken");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.headers().firstValue("RateLimit")).isEmpty();
  }
}
