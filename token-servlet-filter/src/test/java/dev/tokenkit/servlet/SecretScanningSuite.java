package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.AuthContext;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.LeakAction;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.servlet.leaks.SecretScanningKeys;
import dev.tokenkit.servlet.leaks.SecretScanningServlet;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.testkit.ForwardingTokenStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 19, GitHub's secret scanning partner program end to end in a real container (Jetty and Tomcat subclasses)
 * with a real HTTP client: signed reports revoke (or disable) live tokens, are audited and heard, and are answered in
 * GitHub's feedback format; unsigned, wrongly signed, replayed and malformed reports are refused with a 4xx that
 * repeats no token. The receiver sits outside the filter's routes (a public path) next to a filtered API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecretScanningSuite {
  /** GitHub's documented sample request (docs.github.com, "Secret scanning partner program"). */
  static final String DOC_PAYLOAD = "[{\"source\":\"commit\",\"token\":\"some_token\",\"type\":\"some_type\","
      + "\"url\":\"https://example.com/base-repo-url/\"}]";
  static final String DOC_KEY_ID = "bcb53661c06b4728e59d897fb6165d5c9cda0fd9cdf9d09ead458168deb7518c";
  static final String DOC_SIGNATURE = "MEQCIQDaMKqrGnE27S0kgMrEK0eYBmyG0LeZismAEz/BgZyt7AIfXt9fErtRS4XaeSt/AO1RtBY66YcA"
      + "djxji410VQV4xg==";
  /**
   * The public key GitHub serves for that identifier at api.github.com/meta/public_keys/secret_scanning (the docs page
   * does not print it; this value is the one other projects' tests reproduce from that document).
   */
  static final String DOC_KEY_PEM = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYAGMWO8XgCamYKMJS6jc/qgvSlAd\n"
      + "AjPuDPRcXU22YxgBrz+zoN19MzuRyW87qEt9/AmtoNP5GrobzUvQSyJFVw==\n-----END PUBLIC KEY-----\n";
  static final ObjectMapper JSON = new ObjectMapper();

  private final List<AuditEvent> heard = new CopyOnWriteArrayList<>();
  private volatile boolean storeDown;
  @AutoClose private TokenService tokens;
  @AutoClose private ServletContainer container;
  private HttpClient http;
  private KeyPair ours;
  private String base;
  private int documentFetches;

  protected abstract ServletContainer newContainer() throws Exception;

  @BeforeAll
  void start() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ours = g.generateKeyPair();
    String ourPem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ours.getPublic()
        .getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    String document = JSON.writeValueAsString(Map.of("public_keys", List.of(
        Map.of("key_identifier", "ours", "key", ourPem, "is_current", true),
        Map.of("key_identifier", DOC_KEY_ID, "key", DOC_KEY_PEM, "is_current", false))));
    tokens = TokenService.builder().store(new ForwardingTokenStore(new InMemoryTokenStore()) {
      @Override
      public Optional<StoredToken> findById(String id) {
        if (storeDown) {
          throw new StoreUnavailableException("test: store down", null);
        }
        return super.findById(id);
      }
    }).auditListener(heard::add).build();
    SecretScanningKeys keys = SecretScanningKeys.fromDocument(() -> {
      documentFetches++;
      return document;
    }, Duration.ofHours(1));
    container = newContainer();
    ServletContainerInitializer init = (classes, ctx) -> {
      FilterRegistration.Dynamic f = ctx.addFilter("tokenkit", TokenAuthFilter.builder(tokens)
          .routes(RouteRules.builder().api("orders", "/api/orders/**").publicPaths("/admin/api/leaks/**").build())
          .build());
      f.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
      ctx.addServlet("orders", new SignedRequestSuite.EchoServlet()).addMapping("/api/*");
      ctx.addServlet("leaks", SecretScanningServlet.builder(tokens).keys(keys).build())
          .addMapping("/admin/api/leaks/github");
      ctx.addServlet("disabling", SecretScanningServlet.builder(tokens).action(LeakAction.DISABLE)
          .keys(SecretScanningKeys.configured(Map.of("ours", ourPem))).limits(4096, 50).build())
          .addMapping("/admin/api/leaks/github-disable");
    };
    base = container.startRoot(init);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private IssuedToken issue(String name) {
    return tokens.issue(Actor.of("admin"), IssueRequest.builder(name, "leaky").access(Map.of("orders",
        AccessLevel.FULL)).build());
  }

  private String sign(String body) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(ours.getPrivate());
    s.update(body.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(s.sign());
  }

  private HttpResponse<String> post(String path, String body, String keyId, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (keyId != null) {
      b.header("Github-Public-Key-Identifier", keyId);
    }
    if (signature != null) {
      b.header("Github-Public-Key-Signature", signature);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> report(String path, String body) throws Exception {
    return post(path, body, "ours", sign(body));
  }

  static String match(String token, String url) {
    return "{\"token\":\"" + token + "\",\"type\":\"tokenkit_api_token\",\"url\":\"" + url + "\",\"source\":\"content\"}";
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private int ordersStatus(String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/orders/1")).header("Authorization", "Bearer "
        + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void aSignedReportRevokesLiveTokensAuditsThemAndAnswersInGitHubsFeedbackFormat() throws Exception {
    IssuedToken live = issue("live");
    IssuedToken canary = tokens.issue(Actor.of("admin"), IssueRequest.builder("bait", "leaky").canary(true).build());
    String raw = live.secret().reveal();
    String unknown = raw.substring(0, 3) + "AAAAAAAAAAAAAAAA" + raw.substring(19); // bad checksum or unknown id
    assertThat(ordersStatus(raw)).isEqualTo(200);
    String body = "[" + match(raw, "https://github.com/octo/app/blob/abc/.env") + "," + match("not_a_token", "")
        + "," + match(unknown, "https://x.test") + "," + match(canary.secret().reveal(), "https://y.test") + "]";

    HttpResponse<String> r = report("/admin/api/leaks/github", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(r.body()).doesNotContain(raw).doesNotContain(canary.secret().reveal()).doesNotContain("not_a_token");
    JsonNode feedback = JSON.readTree(r.body());
    assertThat(feedback).hasSize(4);
    assertThat(feedback.get(0).get("token_hash").asText()).isEqualTo(sha256(raw));
    assertThat(feedback.get(0).get("token_type").asText()).isEqualTo("tokenkit_api_token");
    assertThat(feedback.get(0).has("token_raw")).isFalse();
    assertThat(feedback).extracting(n -> n.get("label").asText())
        .containsExactly("true_positive", "false_positive", "false_positive", "true_positive");

    assertThat(tokens.get(live.token().id()).status()).isEqualTo(TokenStatus.REVOKED);
    assertThat(ordersStatus(raw)).isEqualTo(401);
    AuditEvent event = tokens.audit(AuditQuery.all().withTokenId(live.token().id())).items().stream()
        .filter(e -> e.type() == AuditEventType.LEAK_REPORTED).findFirst().orElseThrow();
    assertThat(event.detail()).contains("source=content").contains("url=https://github.com/octo/app/blob/abc/.env")
        .contains("action=revoked").doesNotContain(raw);
    assertThat(event.actor()).isEqualTo("github secret scanning");
    assertThat(heard).filteredOn(e -> e.type() == AuditEventType.LEAK_REPORTED).extracting(AuditEvent::tokenId)
        .contains(live.token().id(), canary.token().id());
  }

  @Test
  void gitHubsDocumentedSampleRequestVerifiesAndIsAFalsePositive() throws Exception {
    HttpResponse<String> r = post("/admin/api/leaks/github", DOC_PAYLOAD, DOC_KEY_ID, DOC_SIGNATURE);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode item = JSON.readTree(r.body()).get(0);
    assertThat(item.get("token_hash").asText()).isEqualTo(sha256("some_token"));
    assertThat(item.get("token_type").asText()).isEqualTo("some_type");
    assertThat(item.get("label").asText()).isEqualTo("false_positive");
    // the sample, one byte changed, no longer verifies
    HttpResponse<String> altered = post("/admin/api/leaks/github", DOC_PAYLOAD.replace("commit", "Commit"), DOC_KEY_ID,
        DOC_SIGNATURE);
    assertThat(altered.statusCode()).isEqualTo(401);
  }

  @Test
  void unsignedWronglySignedAndUnknownKeyReportsAreRefusedWithoutTouchingTokens() throws Exception {
    IssuedToken live = issue("victim");
    String body = "[" + match(live.secret().reveal(), "https://z.test") + "]";
    List<HttpResponse<String>> refused = new ArrayList<>();
    refused.add(post("/admin/api/leaks/github", body, null, null));
    refused.add(post("/admin/api/leaks/github", body, "ours", null));
    refused.add(post("/admin/api/leaks/github", body, "ours", sign(body + " ")));
    refused.add(post("/admin/api/leaks/github", body, "ours", "%%%not-base64%%%"));
    refused.add(post("/admin/api/leaks/github", body, "someone-elses-key", sign(body)));
    refused.add(post("/admin/api/leaks/github", body, DOC_KEY_ID, sign(body)));
    for (HttpResponse<String> r : refused) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
      assertThat(r.body()).contains("urn:tokenkit:problem:invalid-signature").doesNotContain(live.secret().reveal());
    }
    assertThat(tokens.get(live.token().id()).status()).isEqualTo(TokenStatus.ACTIVE);
  }

  @Test
  void aReplayedReportIsRefusedAndMalformedInputGetsA4xx() throws Exception {
    IssuedToken live = issue("replayed");
    String body = "[" + match(live.secret().reveal(), "https://r.test") + "]";
    String signature = sign(body);
    assertThat(post("/admin/api/leaks/github", body, "ours", signature).statusCode()).isEqualTo(200);
    HttpResponse<String> again = post("/admin/api/leaks/github", body, "ours", signature);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("replayed-report").doesNotContain(live.secret().reveal());

    for (String bad : List.of("{}", "[1]", "[{\"token\":5}]", "[] []", "not json", "[{\"token\":\"a\",\"url\":[]}]")) {
      HttpResponse<String> r = report("/admin/api/leaks/github", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/leaks/github")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/api/leaks/github"))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("[]")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(text.statusCode()).isEqualTo(415);
    String big = "[" + match("x".repeat(5000), "") + "]";
    assertThat(report("/admin/api/leaks/github-disable", big).statusCode()).isEqualTo(413);
  }

  @Test
  void theDisablingReceiverDisablesAndManyMatchesInOneReportAreHandled() throws Exception {
    IssuedToken one = issue("disable-me");
    String body = "[" + match(one.secret().reveal(), "https://d.test") + "]";
    assertThat(report("/admin/api/leaks/github-disable", body).statusCode()).isEqualTo(200);
    assertThat(tokens.get(one.token().id()).status()).isEqualTo(TokenStatus.DISABLED);

    List<IssuedToken> many = new ArrayList<>();
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 300; i++) {
      IssuedToken t = issue("bulk-" + i);
      many.add(t);
      b.append(i == 0 ? "" : ",").append(match(t.secret().reveal(), "https://bulk.test/" + i));
    }
    HttpResponse<String> r = report("/admin/api/leaks/github", b.append(']').toString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body())).hasSize(300).allSatisfy(n -> assertThat(n.get("label").asText())
        .isEqualTo("true_positive"));
    for (IssuedToken t : many) {
      assertThat(tokens.authenticate(t.secret().reveal(), AuthContext.anyApi("127.0.0.1")).isVerified()).isFalse();
    }
  }

  @Test
  void whenTheStoreIsDownTheReportGets429AndItsRetryIsNoReplay() throws Exception {
    IssuedToken live = issue("store-down");
    String body = "[" + match(live.secret().reveal(), "https://s.test") + "]";
    String signature = sign(body);
    storeDown = true;
    HttpResponse<String> down;
    try {
      down = post("/admin/api/leaks/github", body, "ours", signature);
    } finally {
      storeDown = false;
    }
    assertThat(down.statusCode()).isEqualTo(429);
    assertThat(down.headers().firstValue("Retry-After")).contains("30");
    assertThat(post("/admin/api/leaks/github", body, "ours", signature).statusCode()).isEqualTo(200);
    assertThat(tokens.get(live.token().id()).status()).isEqualTo(TokenStatus.REVOKED);
  }

  @Test
  void githubsKeyDocumentIsFetchedOnceAndCached() throws Exception {
    int before = documentFetches;
    report("/admin/api/leaks/github", "[]");
    report("/admin/api/leaks/github", "[ ]");
    assertThat(documentFetches - before).isLessThanOrEqualTo(1);
    post("/admin/api/leaks/github", "[]", "unknown-1", "AAAA");
    post("/admin/api/leaks/github", "[]", "unknown-2", "AAAA");
    assertThat(documentFetches - before).as("an unknown identifier refetches at most once a minute")
        .isLessThanOrEqualTo(2);
  }
}
