package dev.tokenkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenSecret;
import dev.tokenkit.TokenService;
import dev.tokenkit.client.RequestSigner;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How a host application tests itself with the in-memory store: start the real application with
 * {@code --in-memory}, issue tokens directly through its {@link TokenService}, call the real HTTP endpoints.
 */
class HostApplicationTest {
  private static final Actor TEST = Actor.of("test-suite");
  private static ExampleServer app;
  private static String console;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startTheApplication() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    app = ExampleServer.start(ExampleOptions.parse("--in-memory", "--port", "0"),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    console = out.toString(StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopTheApplication() throws Exception {
    app.close();
  }

  private String token(String name, Map<String, AccessLevel> access) {
    return app.tokens().issue(TEST, IssueRequest.builder(name, "test-client").access(access).build()).secret().reveal();
  }

  private HttpResponse<String> call(String method, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
        .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}")
            : HttpRequest.BodyPublishers.noBody())
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theFirstStartPrintsTheAdminTokenLineBeforeItListens() {
    assertThat(console).containsPattern("(?m)^ADMIN TOKEN: tk_[A-Za-z0-9]{65}$");
    assertThat(console.indexOf("ADMIN TOKEN: ")).isLessThan(console.indexOf("listening on"));
  }

  @Test
  void aTokenWithFullOrdersAccessCanCreateOrders() throws Exception {
    String token = token("writer", Map.of("orders", AccessLevel.FULL));
    HttpResponse<String> created = call("POST", "/api/orders", token);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"createdBy\":\"test-client\"");
    assertThat(call("GET", "/api/orders", token).body()).contains("book");
  }

  @Test
  void readAccessCannotWriteAndNoAccessCannotRead() throws Exception {
    String reader = token("reader", Map.of("orders", AccessLevel.READ));
    assertThat(call("GET", "/api/orders", reader).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/api/orders", reader).statusCode()).isEqualTo(403);
    assertThat(call("GET", "/api/reports", reader).statusCode()).isEqualTo(403);
  }

  @Test
  void missingRevokedOrMistypedTokensGet401() throws Exception {
    String token = token("short-lived", Map.of("*", AccessLevel.READ));
    assertThat(call("GET", "/api/reports", null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/reports", token.substring(0, token.length() - 1) + "x").statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/reports", token).statusCode()).isEqualTo(200);
    app.tokens().revoke(TEST, app.tokens().format().idOf(token));
    HttpResponse<String> revoked = call("GET", "/api/reports", token);
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    assertThat(revoked.body()).doesNotContain(token);
  }

  @Test
  void theConsoleAndTheApiDocumentationAreServed() throws Exception {
    assertThat(call("GET", "/admin/", null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/docs/", null).body()).contains("swagger-ui-bundle.js").contains("docs-init.js");
    assertThat(call("GET", "/docs/docs-init.js", null).body()).contains("SwaggerUIBundle")
        .contains("/admin/api/openapi.json");
    assertThat(call("GET", "/docs/swagger-ui-bundle.js", null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/admin/api/openapi.json", null).body()).contains("\"openapi\"");
    assertThat(call("GET", "/docs/../pom.xml", null).statusCode()).isNotEqualTo(200);
  }

  @Test
  void theDocsGetTheSameSecurityHeadersAsTheConsole() throws Exception {
    HttpResponse<String> console = call("GET", "/admin/", null);
    for (String path : new String[] {"/docs/", "/docs/docs-init.js", "/docs/swagger-ui-bundle.js"}) {
      HttpResponse<String> docs = call("GET", path, null);
      assertThat(docs.statusCode()).as(path).isEqualTo(200);
      for (String header : new String[] {"Content-Security-Policy", "X-Frame-Options", "Cache-Control",
          "X-Content-Type-Options", "Referrer-Policy"}) {
        assertThat(docs.headers().allValues(header)).as(path + " " + header).isNotEmpty()
            .isEqualTo(console.headers().allValues(header));
      }
    }
    assertThat(call("GET", "/docs/", null).body()).doesNotContain("<script>").contains("docs-init.js");
  }

  @Test
  void noResponseNamesTheServerSoftware() throws Exception {
    for (String path : new String[] {"/", "/docs/", "/admin/", "/api/orders", "/no-such-page"}) {
      assertThat(call("GET", path, null).headers().firstValue("Server")).as(path).isEmpty();
    }
  }

  @Test
  void theFilterCoversEveryDispatcherType() {
    assertThat(app.tokenFilterDispatches()).containsExactlyInAnyOrder(jakarta.servlet.DispatcherType.values());
  }

  @Test
  void traceAndTrackNeverEchoTheCredentials() throws Exception {
    String token = token("traced", Map.of("orders", AccessLevel.READ));
    for (String request : new String[] {"TRACE /api/orders", "TRACK /api/orders", "TRACE /docs/", "TRACE /admin/"}) {
      String response = raw(request + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
          + "\r\nConnection: close\r\n\r\n");
      assertThat(response).as(request).startsWith("HTTP/1.1 405").contains("application/problem+json")
          .doesNotContain(token).doesNotContain(token.substring(3, 40));
    }
  }

  private static String raw(String request) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", app.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aTokenThatRequiresSignaturesWorksOnlyWhenSignedWithItsSharedSecret() throws Exception {
    CreatedSharedSecret secret = app.tokens().sharedSecrets().create(TEST, "host-test-integration");
    String token = app.tokens().issue(TEST, IssueRequest.builder("signed", "test-client")
        .access(Map.of("orders", AccessLevel.FULL)).signatureSecretId(secret.sharedSecret().id()).build())
        .secret().reveal();
    assertThat(call("POST", "/api/orders", token).statusCode()).isEqualTo(401);
    RequestSigner signer = RequestSigner.builder(TokenSecret.of(token), secret.sharedSecret().id(), secret.secret())
        .build();
    HttpRequest signed = signer.sign(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/orders"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}"))
        .build());
    HttpResponse<String> r = http.send(signed, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
  }

  @Test
  void errorPagesNeverRepeatTheRequest() throws Exception {
    for (String path : new String[] {"/docs/canary-Zq9xW2", "/canary-Zq9xW2", "/api/orders/canary-Zq9xW2",
        "/admin/api/tokens/canary-Zq9xW2"}) {
      HttpResponse<String> r = call("GET", path, null);
      assertThat(r.statusCode()).as(path).isBetween(400, 499);
      assertThat(r.body()).as(path).doesNotContain("canary-Zq9xW2");
    }
  }
}
