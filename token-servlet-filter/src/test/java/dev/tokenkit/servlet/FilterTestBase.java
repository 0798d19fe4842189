package dev.tokenkit.servlet;

import dev.tokenkit.testsupport.RecordingStore;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.spi.TokenStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Starts one real container per test class with four contexts: "" (filter from code), "/proxied" (trusts
 * 127.0.0.0/8 and X-Forwarded-For), "/forwarded" (trusts 127.0.0.0/8 and Forwarded) and "/webxml" (filter
 * created by the container from init parameters). Subclasses choose the container and the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilterTestBase {
  static final Actor ADMIN = Actor.of("test-admin");

  protected final TestApp app = new TestApp();
  protected final OffsetClock clock = new OffsetClock();
  protected RecordingStore store;
  protected TokenService tokens;
  protected ServletContainer container;
  protected HttpClient http;

  /** alice: orders FULL, reports READ. */
  protected String ordersToken;
  /** bob: READONLY role. */
  protected String readerToken;
  /** root: ADMIN role. */
  protected String adminToken;
  /** carol: orders FULL, only from 203.0.113.0/24. */
  protected String officeToken;
  protected String disabledToken;
  protected String revokedToken;
  /** dave: orders FULL; this is the secret before a rotation with a one-hour grace period. */
  protected String rotatedOldToken;
  protected String rotatedNewToken;
  protected String ordersTokenId;

  protected abstract ServletContainer newContainer() throws Exception;

  protected abstract TokenStore newStore() throws Exception;

  static RouteRules rules() {
    return RouteRules.builder()
        .api("orders", "/api/orders", "/api/orders/**")
        .api("reports", "/api/reports/**")
        .api("payments", "/api/refunds/**")
        .publicPaths("/health", "/public/**")
        .build();
  }

  @BeforeAll
  void startContainer() throws Exception {
    store = new RecordingStore(newStore());
    tokens = TokenService.builder().store(store).clock(clock).build();
    ordersToken = issue("orders-ci", "alice", null, Map.of("orders", AccessLevel.FULL, "reports", AccessLevel.READ),
        List.of());
    ordersTokenId = tokens.format().idOf(ordersToken);
    readerToken = issue("reader", "bob", "READONLY", Map.of(), List.of());
    adminToken = issue("admin", "root", "ADMIN", Map.of(), List.of());
    officeToken = issue("office", "carol", null, Map.of("orders", AccessLevel.FULL), List.of("203.0.113.0/24"));
    disabledToken = issue("disabled", "erin", null, Map.of("orders", AccessLevel.FULL), List.of());
    tokens.disable(ADMIN, tokens.format().idOf(disabledToken));
    revokedToken = issue("revoked", "frank", null, Map.of("orders", AccessLevel.FULL), List.of());
    tokens.revoke(ADMIN, tokens.format().idOf(revokedToken));
    rotatedOldToken = issue("rotating", "dave", null, Map.of("orders", AccessLevel.FULL), List.of());
    rotatedNewToken = tokens.rotate(ADMIN, tokens.format().idOf(rotatedOldToken), Duration.ofHours(1)).secret().reveal();

    container = newContainer();
    container.deploy("", app.withFilter(TokenAuthFilter.builder(tokens).routes(rules())
        .apiKeyHeader("X-API-Key").retryAfter(Duration.ofSeconds(7)).build()), TestApp.ERROR_PAGES);
    container.deploy("/proxied", app.withFilter(TokenAuthFilter.builder(tokens).routes(rules())
        .trustedProxies("127.0.0.0/8", "10.0.0.0/8").build()), Map.of());
    container.deploy("/forwarded", app.withFilter(TokenAuthFilter.builder(tokens).routes(rules())
        .trustedProxies("127.0.0.0/8").forwardedHeader(ForwardedHeader.FORWARDED).build()), Map.of());
    container.deploy("/webxml", app.withInitParams(tokens, Map.of(
        "api.orders", "/api/orders,\n /api/orders/**",
        "api.reports", "/api/reports/**",
        "publicPaths", "/health /public/**",
        "unmatched", "authenticate",
        "queryParameter", "access_token",
        "principalName", "TOKEN_ID",
        "realm", "tokenkit-test")), Map.of());
    container.start();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private String issue(String name, String owner, String role, Map<String, AccessLevel> access, List<String> ips) {
    IssueRequest.Builder b = IssueRequest.builder(name, owner).access(access).allowedIps(ips);
    if (role != null) {
      b.role(role);
    }
    return tokens.issue(ADMIN, b.build()).secret().reveal();
  }

  @AfterAll
  void stopContainer() throws Exception {
    if (container != null) {
      container.close();
    }
    if (tokens != null) {
      tokens.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @BeforeEach
  void resetApp() {
    app.reset();
    store.down.set(false);
    clock.shift(Duration.ZERO);
  }

  protected HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  protected HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + container.port() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  protected static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }
}
