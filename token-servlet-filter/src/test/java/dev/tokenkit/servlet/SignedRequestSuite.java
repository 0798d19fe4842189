package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenSecret;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenUpdate;
import dev.tokenkit.client.RequestSigner;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import dev.tokenkit.sharedsecret.KeyRing;
import dev.tokenkit.sharedsecret.SharedSecretValue;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed requests end to end: TokenKit's own client helper ({@link RequestSigner}) signs real HTTP requests that
 * go through the filter in a real container (Jetty and Tomcat subclasses) to a servlet that echoes the body it
 * read. Tokens with a {@code signatureSecretId} pass only when signed; every failure is the same 401 with
 * {@code Accept-Signature}.
 */
abstract class SignedRequestSuite extends ContainerSuite {
  static final Actor ADMIN = Actor.of("test-admin");
  static final String INVALID_SIGNATURE_BODY_TYPE = "urn:tokenkit:problem:invalid-signature";

  protected CreatedSharedSecret secret;
  protected String signingToken;
  protected String plainToken;

  @BeforeAll
  void start() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    tokens = TokenService.builder().store(new InMemoryTokenStore()).clock(clock)
        .sharedSecretKeys(KeyRing.builder().key("test", key).build()).build();
    secret = tokens.sharedSecrets().create(ADMIN, "billing-integration");
    signingToken = tokens.issue(ADMIN, IssueRequest.builder("signed", "alice")
        .access(Map.of("orders", AccessLevel.FULL)).signatureSecretId(secret.sharedSecret().id()).build())
        .secret().reveal();
    plainToken = tokens.issue(ADMIN, IssueRequest.builder("plain", "bob")
        .access(Map.of("orders", AccessLevel.FULL)).build()).secret().reveal();
    serve(TokenAuthFilter.builder(tokens)
        .routes(RouteRules.builder().api("orders", "/api/orders", "/api/orders/**").build())
        .maxSignedBodyBytes(4096).build(), new EchoServlet());
  }

  /** Answers 200 with "<method> <query> <body as read through getInputStream>". */
  static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      resp.setContentType("text/plain;charset=utf-8");
      resp.getWriter().write(req.getMethod() + " " + req.getQueryString() + " " + body);
    }
  }

  RequestSigner signer(String token, SharedSecretValue value) {
    return RequestSigner.builder(TokenSecret.of(token), secret.sharedSecret().id(), value).clock(clock).build();
  }

  HttpResponse<String> send(HttpRequest r) throws Exception {
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  static HttpRequest post(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  void assertRefused(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(r.body()).contains(INVALID_SIGNATURE_BODY_TYPE).doesNotContain(signingToken)
        .doesNotContain(secret.secret().reveal());
    assertThat(r.headers().firstValue("Accept-Signature")).hasValueSatisfying(a -> assertThat(a)
        .startsWith("sig1=(\"@method\" \"@authority\" \"@path\"")
        .contains("keyid=\"" + secret.sharedSecret().id() + "\"").contains("alg=\"hmac-sha256\""));
  }

  @Test
  void aSignedPostWithQueryReachesTheApplicationWithItsBody() throws Exception {
    HttpResponse<String> r = send(signer(signingToken, secret.secret())
        .sign(post(base + "/api/orders?priority=high&note=gift%20wrap", "{\"item\":\"book\"}")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("POST priority=high&note=gift%20wrap {\"item\":\"book\"}");
  }

  @Test
  void theReadmeClientExampleRunsAsWritten() throws Exception {
    String token = signingToken;
    String sharedSecretId = secret.sharedSecret().id();
    String sharedSecret = secret.secret().reveal();
    String baseUrl = base;
    // readme-example:start
    // token (tk_...), sharedSecretId (ss_...) and sharedSecret (tkss_...) come from your secret store
    RequestSigner signer = RequestSigner.builder(TokenSecret.of(token), sharedSecretId,
        SharedSecretValue.of(sharedSecret)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders?priority=high"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}"))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(signer.sign(request),
        HttpResponse.BodyHandlers.ofString());
    // readme-example:end
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("POST priority=high {\"item\":\"book\"}");

    String source = Files.readString(Path.of("src/test/java/dev/tokenkit/servlet/SignedRequestSuite.java"));
    String inTest = between(source, "// readme-example:start\n", "    // readme-example:end");
    String readme = Files.readString(Path.of("../README.md"));
    String inReadme = between(readme, "<!-- readme-example:client -->\n```java\n", "```");
    assertThat(normalise(inReadme)).isEqualTo(normalise(inTest));
  }

  private static String between(String text, String start, String end) {
    int s = text.indexOf(start);
    assertThat(s).as("marker %s", start).isNotNegative();
    int from = s + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private static String normalise(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }

  @Test
  void theReadmeCurlAndOpensslRecipeWorksAsWritten() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    String recipe = between(readme.substring(readme.indexOf("### Signing with curl and openssl")), "```sh\n", "```");
    String firstLine = recipe.lines().findFirst().orElseThrow();
    assertThat(firstLine).startsWith("TOKEN=tk_...; SSID=ss_...; SECRET=tkss_...");
    String script = recipe.replace(firstLine, "TOKEN=" + signingToken + "; SSID=" + secret.sharedSecret().id()
        + "; SECRET=" + secret.secret().reveal()).replace("localhost:8080", "localhost:" + container.port());
    Process p = new ProcessBuilder("bash", "-c", "set -e\n" + script).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).as(out).contains("HTTP/1.1 200").contains("POST null {\"item\":\"book\"}");
  }

  @Test
  void aSignedGetPasses() throws Exception {
    HttpResponse<String> r = send(signer(signingToken, secret.secret())
        .sign(HttpRequest.newBuilder(URI.create(base + "/api/orders")).build()));
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void theSameTokenUnsignedIsRefusedWithAcceptSignature() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/orders?x=1"))
        .header("Authorization", "Bearer " + signingToken).build());
    assertRefused(r);
    assertThat(r.headers().firstValue("Accept-Signature")).hasValueSatisfying(a -> assertThat(a).contains("\"@query\""));
  }

  @Test
  void aTokenWithoutSignatureSecretNeedsNoSignature() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/api/orders"))
        .header("Authorization", "Bearer " + plainToken).build());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongSecretIsRefused() throws Exception {
    assertRefused(send(signer(signingToken, SharedSecretValue.of("tkss_" + "w".repeat(43)))
        .sign(post(base + "/api/orders", "{}"))));
  }

  @Test
  void aBodyAlteredAfterSigningIsRefused() throws Exception {
    HttpRequest signed = signer(signingToken, secret.secret()).sign(post(base + "/api/orders", "{\"amount\":1}"));
    HttpRequest altered = HttpRequest.newBuilder(signed, (n, v) -> true)
        .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":9}")).build();
    assertRefused(send(altered));
  }

  @Test
  void aReplayedRequestIsRefused() throws Exception {
    HttpRequest signed = signer(signingToken, secret.secret()).sign(post(base + "/api/orders", "{\"n\":1}"));
    assertThat(send(signed).statusCode()).isEqualTo(200);
    assertRefused(send(signed));
  }

  @Test
  void aStaleSignatureIsRefused() throws Exception {
    HttpRequest signed = signer(signingToken, secret.secret()).sign(post(base + "/api/orders", "{}"));
    clock.shift(Duration.ofSeconds(301));
    try {
      assertRefused(send(signed));
    } finally {
      clock.shift(Duration.ZERO);
    }
  }

  @Test
  void aBodyOverTheLimitIs413() throws Exception {
    HttpResponse<String> r = send(signer(signingToken, secret.secret())
        .sign(post(base + "/api/orders", "{\"x\":\"" + "a".repeat(5000) + "\"}")));
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void duringARotationOverlapBothValuesVerifyThenOnlyTheNewOne() throws Exception {
    CreatedSharedSecret s = tokens.sharedSecrets().create(ADMIN, "rotating-" + container.name());
    String token = tokens.issue(ADMIN, IssueRequest.builder("rotating-" + container.name(), "carol")
        .access(Map.of("orders", AccessLevel.FULL)).build()).secret().reveal();
    tokens.update(ADMIN, tokens.format().idOf(token),
        TokenUpdate.builder().signatureSecretId(s.sharedSecret().id()).build());
    CreatedSharedSecret rotated = tokens.sharedSecrets().rotate(ADMIN, s.sharedSecret().id(), Duration.ofHours(1));
    RequestSigner old = RequestSigner.builder(TokenSecret.of(token), s.sharedSecret().id(), s.secret()).clock(clock)
        .build();
    RequestSigner fresh = RequestSigner.builder(TokenSecret.of(token), s.sharedSecret().id(), rotated.secret())
        .clock(clock).build();
    assertThat(send(old.sign(post(base + "/api/orders", "{}"))).statusCode()).isEqualTo(200);
    assertThat(send(fresh.sign(post(base + "/api/orders", "{}"))).statusCode()).isEqualTo(200);
    clock.shift(Duration.ofHours(1).plusSeconds(1));
    try {
      assertThat(send(old.sign(post(base + "/api/orders", "{}"))).statusCode()).isEqualTo(401);
      assertThat(send(fresh.sign(post(base + "/api/orders", "{}"))).statusCode()).isEqualTo(200);
    } finally {
      clock.shift(Duration.ZERO);
    }
  }
}
