package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.ExpiryPolicy;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile management input through real Jetty, against the in-memory store and the JDBI store on H2: every row is
 * answered 400, 413 or 415 with a problem body that repeats none of the hostile text, and both stores give the same
 * answer (status and problem type).
 */
class HostileManagementInputTest {
  /** A well-formed token, used as a field name: a pasted secret must never come back. */
  private static final String TOKEN_KEY = TokenCodec.newToken("tk", "AbCdEfGhIjKlMnOp", new SecureRandom());
  private static final String IMG = "<img src=x onerror=alert(1)>";
  private static final String LONG_KEY = "k".repeat(5000);
  private static final String FAR = "+1000000000-12-31T23:59:59.999999999Z";

  private static AdminTestServer memory;
  private static AdminTestServer h2;
  private static String memoryId;
  private static String h2Id;

  /** One hostile request; {@code %ID%} in the path is an existing token's id. */
  record Row(String name, String method, String path, byte[] body, String contentType, Set<Integer> statuses,
      List<String> mustNotEcho) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row row(String name, String method, String path, String body, Integer... statuses) {
    return new Row(name, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        "application/json", Set.of(statuses), List.of(TOKEN_KEY, IMG, "onerror", LONG_KEY.substring(0, 100), "xyz"));
  }

  private static String issueWith(String fields) {
    return "{\"name\": \"n\", \"owner\": \"o\"" + (fields.isEmpty() ? "" : ", " + fields) + "}";
  }

  static Stream<Row> rows() {
    List<Row> rows = new ArrayList<>();
    // nesting and numbers (Jackson's StreamConstraintsException has no location: it was a NullPointerException)
    rows.add(row("5,000-deep access array", "POST", "/api/tokens",
        issueWith("\"access\": " + "[".repeat(5000) + "]".repeat(5000)), 400));
    rows.add(row("5,000-deep object", "POST", "/api/tokens", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000), 400));
    rows.add(row("17-deep array in allowedIps", "POST", "/api/tokens",
        issueWith("\"allowedIps\": " + "[".repeat(17) + "]".repeat(17)), 400));
    rows.add(row("5,000-digit months", "POST", "/api/tokens",
        issueWith("\"expiration\": {\"months\": " + "9".repeat(5000) + "}"), 400));
    rows.add(row("39-digit months", "POST", "/api/tokens",
        issueWith("\"expiration\": {\"months\": " + "9".repeat(39) + "}"), 400));
    rows.add(row("5,000-digit graceSeconds", "POST", "/api/tokens/%ID%/rotate",
        "{\"graceSeconds\": " + "9".repeat(5000) + "}", 400));
    rows.add(row("huge exponent graceSeconds", "POST", "/api/tokens/%ID%/rotate", "{\"graceSeconds\": 1e999999}", 400));
    rows.add(row("NaN graceSeconds", "POST", "/api/tokens/%ID%/rotate", "{\"graceSeconds\": NaN}", 400));
    // instants and periods out of every store's range
    rows.add(row("expiry at the end of Instant", "POST", "/api/tokens", issueWith("\"expiration\": {\"at\": \"" + FAR + "\"}"), 400));
    rows.add(row("expiry in year 999999", "POST", "/api/tokens",
        issueWith("\"expiration\": {\"at\": \"+999999-01-01T00:00:00Z\"}"), 400));
    rows.add(row("expiry before 1970", "POST", "/api/tokens",
        issueWith("\"expiration\": {\"at\": \"1969-12-31T23:59:59Z\"}"), 400));
    rows.add(row("period of 999,999,999 years", "POST", "/api/tokens",
        issueWith("\"expiration\": {\"period\": \"P999999999Y\"}"), 400));
    rows.add(row("Integer.MAX_VALUE days", "POST", "/api/tokens", issueWith("\"expiration\": {\"days\": 2147483647}"), 400));
    rows.add(row("regenerate at the end of Instant", "POST", "/api/tokens/%ID%/regenerate",
        "{\"expiration\": {\"at\": \"" + FAR + "\"}}", 400));
    rows.add(row("expiringBefore at the end of Instant", "GET", "/api/tokens?expiringBefore=" + FAR.replace("+", "%2B"),
        null, 400));
    // trailing data and duplicates
    rows.add(row("trailing word", "POST", "/api/tokens", issueWith("") + " xyz", 400));
    rows.add(row("two documents", "POST", "/api/tokens", issueWith("") + issueWith(""), 400));
    rows.add(row("trailing comma", "POST", "/api/tokens", issueWith("") + ",", 400));
    rows.add(row("trailing data on a no-field operation", "POST", "/api/tokens/%ID%/disable", "{} xyz", 400));
    rows.add(row("duplicate key", "POST", "/api/tokens", "{\"name\": \"a\", \"name\": \"b\", \"owner\": \"o\"}", 400));
    rows.add(row("duplicate key in access", "PATCH", "/api/tokens/%ID%",
        "{\"access\": {\"orders\": \"READ\", \"orders\": \"FULL\"}}", 400));
    // field names are echoed only when harmless, never twice
    rows.add(row("token-shaped field name", "POST", "/api/tokens", issueWith("\"" + TOKEN_KEY + "\": 1"), 400));
    rows.add(row("markup field name", "POST", "/api/tokens", issueWith("\"" + IMG + "\": 1"), 400));
    rows.add(row("5,000-character field name", "POST", "/api/tokens", issueWith("\"" + LONG_KEY + "\": 1"), 400));
    rows.add(row("markup field name on a no-field operation", "POST", "/api/tokens/%ID%/revoke",
        "{\"" + IMG + "\": 1}", 400));
    rows.add(row("token-shaped field name in an update", "PATCH", "/api/tokens/%ID%", "{\"" + TOKEN_KEY + "\": 1}", 400));
    rows.add(row("markup API name", "PATCH", "/api/tokens/%ID%", "{\"access\": {\"" + IMG + "\": \"READ\"}}", 400));
    rows.add(row("markup API name with a bad level", "PATCH", "/api/tokens/%ID%", "{\"access\": {\"" + IMG + "\": 1}}", 400));
    rows.add(row("markup expiration kind", "POST", "/api/tokens", issueWith("\"expiration\": {\"" + IMG + "\": 1}"), 400));
    rows.add(row("markup status filter", "GET", "/api/tokens?status=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", null, 400));
    rows.add(row("token as status filter", "GET", "/api/tokens?status=" + TOKEN_KEY, null, 400));
    rows.add(row("markup role", "POST", "/api/tokens", issueWith("\"role\": \"" + IMG + "\""), 400));
    rows.add(row("token as level", "POST", "/api/tokens", issueWith("\"access\": {\"orders\": \"" + TOKEN_KEY + "\"}"), 400));
    rows.add(row("markup IP range", "POST", "/api/tokens", issueWith("\"allowedIps\": [\"" + IMG + "\"]"), 400));
    rows.add(row("markup owner for revoke-all", "POST", "/api/owners/revoke-all",
        "{\"owner\": \"o\", \"" + IMG + "\": 1}", 400));
    // not an object, not JSON, not UTF-8
    rows.add(row("null document", "POST", "/api/tokens", "null xyz", 400));
    rows.add(row("string document", "POST", "/api/tokens", "\"xyz\"", 400));
    rows.add(row("number document", "POST", "/api/tokens", "12345678901234567890123456789012345678901234567890", 400));
    rows.add(new Row("UTF-32 byte-order mark", "POST", "/api/tokens", new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF, 0, 0, 0, '{'},
        "application/json", Set.of(400), List.of()));
    rows.add(new Row("invalid UTF-8", "POST", "/api/tokens",
        concat("{\"name\": \"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28},
            "\", \"owner\": \"o\"}".getBytes(StandardCharsets.UTF_8)),
        "application/json", Set.of(400), List.of()));
    rows.add(new Row("text/plain", "POST", "/api/tokens", issueWith("").getBytes(StandardCharsets.UTF_8), "text/plain",
        Set.of(415), List.of()));
    rows.add(row("65 KiB description", "POST", "/api/tokens", issueWith("\"description\": \"" + "x".repeat(66_000) + "\""), 413));
    // text the core refuses (the message names the field and the code point, never the text)
    rows.add(row("bidi override in a name", "POST", "/api/tokens", "{\"name\": \"evil\\u202Exyz\", \"owner\": \"o\"}", 400));
    rows.add(row("unpaired surrogate in an owner", "POST", "/api/tokens", "{\"name\": \"n\", \"owner\": \"xyz\\ud800\"}", 400));
    return rows.stream();
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @BeforeAll
  static void start() throws Exception {
    memory = AdminTestServer.start();
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:hostile-admin;DB_CLOSE_DELAY=-1");
    JdbiTokenStore store = JdbiTokenStore.builder(ds).pollInterval(Duration.ofHours(1)).build();
    store.migrate();
    h2 = AdminTestServer.start(store, TokenService.builder().store(store).build(), null);
    memoryId = memory.tokens.issue(Actor.system(), IssueRequest.builder("target", "alice").build()).token().id();
    h2Id = h2.tokens.issue(Actor.system(), IssueRequest.builder("target", "alice").build()).token().id();
  }

  @AfterAll
  static void stop() throws Exception {
    memory.close();
    h2.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void hostileInputIsAClear4xxThatRepeatsNothingAndEveryStoreAgrees(Row row) {
    HttpJson.Reply fromMemory = send(memory, memoryId, row);
    HttpJson.Reply fromH2 = send(h2, h2Id, row);
    for (HttpJson.Reply r : List.of(fromMemory, fromH2)) {
      assertThat(r.status()).as("status").isIn(row.statuses());
      assertThat(r.contentType()).startsWith("application/problem+json");
      for (String echo : row.mustNotEcho()) {
        assertThat(r.raw().body()).as("the body repeats none of the hostile text").doesNotContain(echo);
      }
    }
    assertThat(fromH2.status()).as("same status from both stores").isEqualTo(fromMemory.status());
    assertThat(fromH2.json().get("type")).as("same problem type from both stores").isEqualTo(fromMemory.json().get("type"));
    assertThat(memory.tokens.get(memoryId).status().name()).as("the target token is unchanged").isEqualTo("ACTIVE");
  }

  @Test
  void anUnknownFieldIsNamedOnceWhenHarmlessAndNotAtAllOtherwise() {
    HttpJson http = new HttpJson(memory.base);
    HttpJson.Reply typo = http.post("/admin/api/tokens", issueWith("\"nmae\": \"x\""), memory.adminToken);
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.json().get("errors").get(0).get("field").asText()).isEqualTo("nmae");
    assertThat(typo.raw().body().split("nmae", -1)).as("named exactly once").hasSize(2);
    assertThat(typo.json().get("errors").get(0).get("detail").asText()).startsWith("unknown field; allowed fields:");

    HttpJson.Reply hostile = http.post("/admin/api/tokens", issueWith("\"" + IMG + "\": 1"), memory.adminToken);
    assertThat(hostile.json().get("errors").get(0).get("field").asText()).isEqualTo(JsonInput.UNSHOWN_FIELD);
  }

  @Test
  void deepNestingAndHugeNumbersGetAFixedTextWithoutALocation() {
    HttpJson http = new HttpJson(memory.base);
    HttpJson.Reply deep = http.post("/admin/api/tokens", issueWith("\"access\": " + "[".repeat(5000) + "]".repeat(5000)),
        memory.adminToken);
    HttpJson.Reply digits = http.post("/admin/api/tokens",
        issueWith("\"expiration\": {\"months\": " + "9".repeat(5000) + "}"), memory.adminToken);
    assertThat(deep.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:malformed-json");
    assertThat(deep.json().get("detail").asText()).isEqualTo(digits.json().get("detail").asText())
        .contains("nests deeper than 16 levels");
  }

  @Test
  void withoutNeverAFarFixedDateIsRefusedNamingTheLimit() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    TokenService strict = TokenService.builder().store(store)
        .expiryPolicy(ExpiryPolicy.builder().allowNever(false).build()).build();
    try (AdminTestServer server = AdminTestServer.start(store, strict, null)) {
      HttpJson http = new HttpJson(server.base);
      HttpJson.Reply far = http.post("/admin/api/tokens",
          issueWith("\"expiration\": {\"at\": \"+999999-01-01T00:00:00Z\"}"), server.adminToken);
      assertThat(far.status()).isEqualTo(400);
      HttpJson.Reply late = http.post("/admin/api/tokens",
          issueWith("\"expiration\": {\"at\": \"9999-01-01T00:00:00Z\"}"), server.adminToken);
      assertThat(late.status()).isEqualTo(400);
      assertThat(late.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:expiry-not-allowed");
      assertThat(late.json().get("detail").asText()).contains("longest offered choice, 12 months");
      assertThat(http.get("/admin/api/policy", server.adminToken).json().get("expiry").get("fixedDateLimit").asText())
          .isEqualTo("P12M");
      assertThat(http.post("/admin/api/tokens", issueWith("\"expiration\": {\"months\": 12}"), server.adminToken)
          .status()).isEqualTo(201);
    }
  }

  private static HttpJson.Reply send(AdminTestServer server, String id, Row row) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/admin" + row.path().replace("%ID%", id)))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + server.adminToken)
        .method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(row.body()));
    if (row.body() != null) {
      b.header("Content-Type", row.contentType());
    }
    return new HttpJson(server.base).exchange(b.build());
  }
}
