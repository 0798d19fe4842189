package dev.tokenkit.servlet.admin;

import dev.tokenkit.testsupport.RecordingStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.Expiration;
import dev.tokenkit.ExpiryPolicy;
import dev.tokenkit.TokenFormat;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.StoredToken;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The management API over real HTTP against Jetty 12: every endpoint and every error status. */
class ManagementApiTest extends AdminServerTest {
  private final List<String> bodies = new ArrayList<>();

  private JsonNode issue(String name, String owner, String extraJson) {
    HttpJson.Reply r = http.post("/admin/api/tokens",
        "{\"name\":\"" + name + "\",\"owner\":\"" + owner + "\"" + (extraJson == null ? "" : "," + extraJson) + "}", admin);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json();
  }

  private int useOrders(String method, String token) {
    return http.send(method, "/api/orders/1", method.equals("GET") ? null : "{}", "application/json", token).status();
  }

  @Test
  void issueReturns201WithTheSecretOnceAndALocation() {
    HttpJson.Reply r = http.post("/admin/api/tokens", """
        {"name": "ci-deploy", "description": "deploys", "owner": "alice", "role": null,
         "access": {"orders": "READ", "*": "NONE"}, "expiration": {"months": 6}, "allowedIps": ["127.0.0.0/8"]}""",
        admin);

    assertThat(r.status()).isEqualTo(201);
    String secret = r.json().get("secret").asText();
    JsonNode token = r.json().get("token");
    assertThat(secret).matches(TokenFormat.defaults().regex().replace("\\b", ""));
    assertThat(r.header("Location")).isEqualTo("/admin/api/tokens/" + token.get("id").asText());
    assertThat(token.get("name").asText()).isEqualTo("ci-deploy");
    assertThat(token.get("owner").asText()).isEqualTo("alice");
    assertThat(token.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(token.get("access").get("orders").asText()).isEqualTo("READ");
    assertThat(token.get("allowedIps").get(0).asText()).isEqualTo("127.0.0.0/8");
    assertThat(token.get("lastUsedAt").isNull()).isTrue();
    assertThat(token.get("displayHint").asText()).startsWith("tk_" + token.get("id").asText());
    assertThat(Instant.parse(token.get("expiresAt").asText()))
        .isBetween(Instant.now().plus(Duration.ofDays(180)), Instant.now().plus(Duration.ofDays(185)));
    assertThat(token.has("secretHash")).isFalse();

    assertThat(useOrders("GET", secret)).isEqualTo(200);
    assertThat(useOrders("POST", secret)).isEqualTo(403);

    HttpJson.Reply got = http.get("/admin/api/tokens/" + token.get("id").asText(), admin);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().has("secret")).isFalse();
    assertThat(got.json().get("lastUsedAt").isNull()).isFalse();
    assertThat(got.json().get("lastUsedIp").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void noResponseOtherThanIssueRotateRegenerateShowsTheSecretOrItsHash() {
    JsonNode issued = issue("quiet", "carol", null);
    String id = issued.get("token").get("id").asText();
    String secret = issued.get("secret").asText();
    String hash = server.store.findById(id).map(StoredToken::secretHash).orElseThrow();

    List<HttpJson.Reply> replies = List.of(
        http.get("/admin/api/tokens", admin),
        http.get("/admin/api/tokens/" + id, admin),
        http.get("/admin/api/audit", admin),
        http.get("/admin/api/audit?tokenId=" + id, admin),
        http.send("PATCH", "/admin/api/tokens/" + id, "{\"description\":\"x\"}", "application/json", admin),
        http.post("/admin/api/tokens/" + id + "/disable", "{}", admin),
        http.post("/admin/api/tokens/" + id + "/enable", "{}", admin));
    String secretBody = secret.substring(secret.indexOf('_') + 17); // the secret part after prefix and id
    for (HttpJson.Reply r : replies) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.raw().body()).doesNotContain(secretBody).doesNotContain(hash)
          .doesNotContainIgnoringCase("hash");
    }
  }

  @Test
  void listFiltersByOwnerStatusAndExpiryAndPagesWithACursor() {
    issue("a1", "alice", null);
    String a2 = issue("a2", "alice", "\"expiration\": {\"months\": 3}").get("token").get("id").asText();
    issue("a3", "alice", "\"expiration\": {\"never\": true}");
    issue("b1", "bob", null);
    http.post("/admin/api/tokens/" + a2 + "/disable", "{}", admin);

    HttpJson.Reply first = http.get("/admin/api/tokens?owner=alice&limit=2", admin);
    assertThat(first.json().get("items")).hasSize(2);
    String cursor = first.json().get("nextCursor").asText();
    HttpJson.Reply second = http.get("/admin/api/tokens?owner=alice&limit=2&cursor=" + cursor, admin);
    assertThat(second.json().get("items")).hasSize(1);
    assertThat(second.json().get("nextCursor").isNull()).isTrue();
    List<String> names = new ArrayList<>();
    first.json().get("items").forEach(t -> names.add(t.get("name").asText()));
    second.json().get("items").forEach(t -> names.add(t.get("name").asText()));
    assertThat(names).containsExactly("a3", "a2", "a1");

    HttpJson.Reply disabled = http.get("/admin/api/tokens?status=disabled", admin);
    assertThat(disabled.json().get("items")).extracting(t -> t.get("id").asText()).containsExactly(a2);

    String before = Instant.now().plus(Duration.ofDays(100)).toString();
    HttpJson.Reply expiring = http.get("/admin/api/tokens?expiringBefore=" + before, admin);
    assertThat(expiring.json().get("items")).extracting(t -> t.get("name").asText()).containsExactly("a2");

    HttpJson.Reply bad = http.get("/admin/api/tokens?status=GONE&limit=0&expiringBefore=tomorrow", admin);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("status", "limit", "expiringBefore");
    assertThat(http.get("/admin/api/tokens?cursor=not-a-cursor", admin).json().get("errors").get(0).get("field")
        .asText()).isEqualTo("cursor");
  }

  @Test
  void getOfAnUnknownIdIs404() {
    HttpJson.Reply r = http.get("/admin/api/tokens/AAAAAAAAAAAAAAAA", admin);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:token-not-found");
    for (String op : List.of("rotate", "regenerate", "disable", "enable", "revoke")) {
      assertThat(http.post("/admin/api/tokens/AAAAAAAAAAAAAAAA/" + op, "{}", admin).status()).as(op).isEqualTo(404);
    }
    assertThat(http.send("PATCH", "/admin/api/tokens/AAAAAAAAAAAAAAAA", "{\"name\":\"x\"}", "application/json", admin)
        .status()).isEqualTo(404);
    assertThat(http.send("DELETE", "/admin/api/tokens/AAAAAAAAAAAAAAAA", null, null, admin).status()).isEqualTo(404);
  }

  @Test
  void patchChangesOnlyTheGivenFieldsAndNullClears() {
    String id = issue("edit-me", "dave", "\"description\": \"old\", \"role\": \"READONLY\"").get("token").get("id")
        .asText();
    HttpJson.Reply r = http.send("PATCH", "/admin/api/tokens/" + id,
        "{\"name\": \"edited\", \"description\": null, \"access\": {\"orders\": \"FULL\"}, \"allowedIps\": [\"10.0.0.0/8\"]}",
        "application/merge-patch+json", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("name").asText()).isEqualTo("edited");
    assertThat(r.json().get("description").isNull()).isTrue();
    assertThat(r.json().get("role").asText()).isEqualTo("READONLY");
    assertThat(r.json().get("access").get("orders").asText()).isEqualTo("FULL");
    assertThat(r.json().get("allowedIps").get(0).asText()).isEqualTo("10.0.0.0/8");
  }

  @Test
  void rotateWithGraceKeepsTheOldSecretWorkingAndWithoutGraceStopsIt() {
    JsonNode issued = issue("rot", "erin", "\"access\": {\"orders\": \"READ\"}");
    String id = issued.get("token").get("id").asText();
    String first = issued.get("secret").asText();

    HttpJson.Reply graced = http.post("/admin/api/tokens/" + id + "/rotate", "{\"graceSeconds\": 3600}", admin);
    assertThat(graced.status()).isEqualTo(200);
    String second = graced.json().get("secret").asText();
    assertThat(second).isNotEqualTo(first).startsWith("tk_" + id);
    assertThat(graced.json().get("token").get("id").asText()).isEqualTo(id);
    assertThat(useOrders("GET", first)).isEqualTo(200);
    assertThat(useOrders("GET", second)).isEqualTo(200);

    HttpJson.Reply immediate = http.send("POST", "/admin/api/tokens/" + id + "/rotate", "", "application/json", admin);
    String third = immediate.json().get("secret").asText();
    assertThat(useOrders("GET", second)).isEqualTo(401);
    assertThat(useOrders("GET", third)).isEqualTo(200);

    assertThat(http.post("/admin/api/tokens/" + id + "/rotate", "{\"graceSeconds\": -1}", admin).status()).isEqualTo(400);
    HttpJson.Reply tooLong = http.post("/admin/api/tokens/" + id + "/rotate", "{\"graceSeconds\": 99999999}", admin);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("graceSeconds");
  }

  @Test
  void regenerateSetsANewExpiryAndStopsTheOldSecret() {
    JsonNode issued = issue("regen", "frank", "\"access\": {\"orders\": \"READ\"}, \"expiration\": {\"months\": 12}");
    String id = issued.get("token").get("id").asText();
    HttpJson.Reply r = http.post("/admin/api/tokens/" + id + "/regenerate", "{\"expiration\": {\"months\": 3}}", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(Instant.parse(r.json().get("token").get("expiresAt").asText()))
        .isBefore(Instant.now().plus(Duration.ofDays(95)));
    assertThat(useOrders("GET", issued.get("secret").asText())).isEqualTo(401);
    assertThat(useOrders("GET", r.json().get("secret").asText())).isEqualTo(200);

    HttpJson.Reply never = http.post("/admin/api/tokens/" + id + "/regenerate", "{\"expiration\": {\"never\": true}}", admin);
    assertThat(never.json().get("token").get("expiresAt").isNull()).isTrue();
  }

  @Test
  void disableEnableAndRevokeChangeTheStatusAndRevokedIsFinal() {
    JsonNode issued = issue("life", "gina", "\"access\": {\"orders\": \"READ\"}");
    String id = issued.get("token").get("id").asText();
    String secret = issued.get("secret").asText();

    assertThat(http.post("/admin/api/tokens/" + id + "/disable", "{}", admin).json().get("status").asText())
        .isEqualTo("DISABLED");
    assertThat(useOrders("GET", secret)).isEqualTo(401);
    assertThat(http.post("/admin/api/tokens/" + id + "/enable", "", admin).json().get("status").asText())
        .isEqualTo("ACTIVE");
    assertThat(useOrders("GET", secret)).isEqualTo(200);
    assertThat(http.post("/admin/api/tokens/" + id + "/revoke", "{}", admin).json().get("status").asText())
        .isEqualTo("REVOKED");
    assertThat(useOrders("GET", secret)).isEqualTo(401);

    HttpJson.Reply enable = http.post("/admin/api/tokens/" + id + "/enable", "{}", admin);
    assertThat(enable.status()).isEqualTo(409);
    assertThat(enable.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:illegal-transition");
    assertThat(http.post("/admin/api/tokens/" + id + "/rotate", "{}", admin).status()).isEqualTo(409);
    assertThat(http.send("PATCH", "/admin/api/tokens/" + id, "{\"name\":\"z\"}", "application/json", admin).status())
        .isEqualTo(409);
    assertThat(http.post("/admin/api/tokens/" + id + "/disable", "{\"now\": true}", admin).status()).isEqualTo(400);
  }

  @Test
  void deleteReturns204AndTheTokenIsGone() {
    String id = issue("bye", "hank", null).get("token").get("id").asText();
    HttpJson.Reply r = http.send("DELETE", "/admin/api/tokens/" + id, null, null, admin);
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.raw().body()).isEmpty();
    assertThat(http.get("/admin/api/tokens/" + id, admin).status()).isEqualTo(404);
    HttpJson.Reply audit = http.get("/admin/api/audit?tokenId=" + id, admin);
    assertThat(audit.json().get("items")).extracting(e -> e.get("type").asText()).containsExactly("DELETED", "ISSUED");
  }

  @Test
  void revokeAllRevokesEveryTokenOfTheOwner() {
    issue("i1", "ivy", null);
    issue("i2", "ivy", null);
    issue("other", "jack", null);
    HttpJson.Reply r = http.post("/admin/api/owners/ivy/revoke-all", "{}", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("revoked").asInt()).isEqualTo(2);
    assertThat(http.get("/admin/api/tokens?owner=ivy&status=REVOKED", admin).json().get("items")).hasSize(2);
    assertThat(http.get("/admin/api/tokens?owner=jack&status=ACTIVE", admin).json().get("items")).hasSize(1);
    assertThat(http.post("/admin/api/owners/ivy/revoke-all", "{}", admin).json().get("revoked").asInt()).isZero();
    assertThat(http.post("/admin/api/owners/ivy%40example.com/revoke-all", "{}", admin).json().get("revoked").asInt())
        .isZero();
  }

  @Test
  void apisListTheHostCatalogueAndPolicyListsTheChoices() {
    HttpJson.Reply apis = http.get("/admin/api/apis", admin);
    assertThat(apis.status()).isEqualTo(200);
    assertThat(apis.json().get("items")).extracting(a -> a.get("name").asText()).containsExactly("orders", "reports");
    assertThat(apis.json().get("items").get(1).get("pathPatterns")).extracting(JsonNode::asText)
        .containsExactly("/api/reports/*", "/api/exports/*");

    HttpJson.Reply policy = http.get("/admin/api/policy", admin);
    JsonNode expiry = policy.json().get("expiry");
    assertThat(expiry.get("choices")).extracting(c -> c.get("label").asText())
        .containsExactly("3 months", "6 months", "12 months");
    assertThat(expiry.get("choices").get(0).get("expiration").get("months").asInt()).isEqualTo(3);
    assertThat(expiry.get("default").get("months").asInt()).isEqualTo(6);
    assertThat(expiry.get("allowsNever").asBoolean()).isTrue();
    assertThat(policy.json().get("roles")).extracting(r -> r.get("name").asText()).contains("ADMIN", "READONLY");
    assertThat(policy.json().get("accessLevels")).extracting(JsonNode::asText).containsExactly("NONE", "READ", "FULL");
  }

  @Test
  void auditRecordsTheAdminTokenAsActorWithItsAddress() {
    String id = issue("audited", "kim", null).get("token").get("id").asText();
    http.post("/admin/api/tokens/" + id + "/disable", "{}", admin);
    HttpJson.Reply r = http.get("/admin/api/audit?tokenId=" + id + "&limit=1", admin);
    assertThat(r.json().get("items")).hasSize(1);
    JsonNode e = r.json().get("items").get(0);
    assertThat(e.get("type").asText()).isEqualTo("DISABLED");
    assertThat(e.get("actor").asText()).startsWith("root (token ");
    assertThat(e.get("actorIp").asText()).isEqualTo("127.0.0.1");
    String next = r.json().get("nextCursor").asText();
    assertThat(http.get("/admin/api/audit?tokenId=" + id + "&cursor=" + next, admin).json().get("items").get(0)
        .get("type").asText()).isEqualTo("ISSUED");
  }

  @Test
  void invalidFieldsGive400WithOneErrorPerField() {
    HttpJson.Reply r = http.post("/admin/api/tokens", """
        {"owner": "", "access": {"orders": "WRITE"}, "allowedIps": ["10.0.0.1/8"], "colour": "red"}""", admin);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:invalid-input");
    assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
        .contains("name", "access", "colour");

    HttpJson.Reply core = http.post("/admin/api/tokens", """
        {"name": "n", "owner": "o", "role": "NOPE", "allowedIps": ["10.0.0.1/8"]}""", admin);
    assertThat(core.status()).isEqualTo(400);
    assertThat(core.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("role", "allowedIps");
    assertThat(core.json().get("errors").toString()).contains("did you mean 10.0.0.0/8");

    HttpJson.Reply types = http.post("/admin/api/tokens", "{\"name\": 5, \"owner\": [], \"expiration\": {\"weeks\": 2}}",
        admin);
    assertThat(types.json().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactlyInAnyOrder("name", "owner", "expiration");
  }

  @Test
  void anExpiryThePolicyDoesNotOfferIs400OnTheExpirationField() {
    HttpJson.Reply r = http.post("/admin/api/tokens", "{\"name\": \"n\", \"owner\": \"o\", \"expiration\": {\"months\": 7}}",
        admin);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:expiry-not-allowed");
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("expiration");
    assertThat(r.json().get("detail").asText()).contains("3 months");

    HttpJson.Reply past = http.post("/admin/api/tokens",
        "{\"name\": \"n\", \"owner\": \"o\", \"expiration\": {\"at\": \"2001-01-01T00:00:00Z\"}}", admin);
    assertThat(past.status()).isEqualTo(400);
  }

  @Test
  void theHostsExpiryPolicyIsPublishedAndEnforced() throws Exception {
    server.close();
    InMemoryTokenStore store = new InMemoryTokenStore();
    ExpiryPolicy policy = ExpiryPolicy.builder().choices(Expiration.days(30), Expiration.months(6))
        .defaultChoice(Expiration.days(30)).maxLifetime(Period.ofYears(1)).build();
    server = AdminTestServer.start(store, TokenService.builder().store(store).expiryPolicy(policy).build(), null);
    http = new HttpJson(server.base);
    admin = server.adminToken;

    JsonNode expiry = http.get("/admin/api/policy", admin).json().get("expiry");
    assertThat(expiry.get("choices")).extracting(c -> c.get("label").asText()).containsExactly("30 days", "6 months");
    assertThat(expiry.get("choices").get(0).get("expiration").get("days").asInt()).isEqualTo(30);
    assertThat(expiry.get("default").get("days").asInt()).isEqualTo(30);
    assertThat(expiry.get("allowsNever").asBoolean()).isFalse();
    assertThat(expiry.get("maxLifetime").asText()).isEqualTo("P1Y");

    HttpJson.Reply never = http.post("/admin/api/tokens", "{\"name\":\"n\",\"owner\":\"o\",\"expiration\":{\"never\":true}}",
        admin);
    assertThat(never.status()).isEqualTo(400);
    assertThat(never.json().get("errors").get(0).get("field").asText()).isEqualTo("expiration");
    String tooFar = Instant.now().plus(Duration.ofDays(400)).toString();
    assertThat(http.post("/admin/api/tokens", "{\"name\":\"n\",\"owner\":\"o\",\"expiration\":{\"at\":\"" + tooFar
        + "\"}}", admin).status()).isEqualTo(400);
    JsonNode byDefault = issue("default-expiry", "o", null).get("token");
    assertThat(Instant.parse(byDefault.get("expiresAt").asText()))
        .isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    assertThat(issue("six", "o", "\"expiration\": {\"period\": \"P6M\"}").get("token").get("expiresAt").isNull())
        .isFalse();
  }

  @Test
  void aDuplicateNameForTheSameOwnerIs409() {
    issue("dup", "lee", null);
    HttpJson.Reply r = http.post("/admin/api/tokens", "{\"name\": \"dup\", \"owner\": \"lee\"}", admin);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("detail").asText()).contains("Token already exists");
    issue("dup", "other-owner", null);
  }

  @Test
  void malformedJsonIs400AndANonJsonBodyIs415() {
    assertThat(http.post("/admin/api/tokens", "{\"name\": ", admin).json().get("type").asText())
        .isEqualTo("urn:tokenkit:problem:malformed-json");
    assertThat(http.post("/admin/api/tokens", "[1, 2]", admin).status()).isEqualTo(400);
    assertThat(http.post("/admin/api/tokens", "{\"name\": \"a\", \"name\": \"b\", \"owner\": \"o\"}", admin)
        .json().get("type").asText()).as("duplicate keys").isEqualTo("urn:tokenkit:problem:malformed-json");
    assertThat(http.send("POST", "/admin/api/tokens", "name=x&owner=y", "application/x-www-form-urlencoded", admin)
        .status()).isEqualTo(415);
    assertThat(http.send("POST", "/admin/api/tokens", "{}", "text/plain", admin).status()).isEqualTo(415);
    assertThat(http.send("POST", "/admin/api/owners/x/revoke-all", null, null, admin).status()).isEqualTo(415);
    assertThat(http.send("PATCH", "/admin/api/tokens/AAAAAAAAAAAAAAAA", "{}", "text/plain", admin).status())
        .isEqualTo(415);
    assertThat(http.post("/admin/api/tokens", "{\"name\": \"" + "x".repeat(70_000) + "\"}", admin).status())
        .isEqualTo(413);
  }

  @Test
  void withoutCredentialsItIs401WithABearerChallenge() {
    HttpJson.Reply r = http.get("/admin/api/tokens", null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(http.send("POST", "/admin/api/tokens", "{}", "application/json", null).status()).isEqualTo(401);
    assertThat(http.get("/admin/api/no-such-thing", null).status()).as("auth before routing").isEqualTo(401);
  }

  @Test
  void anInvalidTokenIs401InvalidTokenAndTwoBearersAre400() {
    HttpJson.Reply bad = http.get("/admin/api/tokens", "tk_notAToken");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    assertThat(bad.raw().body()).doesNotContain("tk_notAToken");

    String revokedId = issue("gone", "mo", "\"role\": \"ADMIN\"").get("token").get("id").asText();
    String revokedSecret = http.post("/admin/api/tokens/" + revokedId + "/rotate", "{}", admin).json().get("secret")
        .asText();
    http.post("/admin/api/tokens/" + revokedId + "/revoke", "{}", admin);
    assertThat(http.get("/admin/api/tokens", revokedSecret).status()).isEqualTo(401);

    HttpJson.Reply two = http.exchange(HttpRequest.newBuilder(server.uri("/admin/api/tokens"))
        .header("Authorization", "Bearer " + admin).header("Authorization", "Bearer " + admin).build());
    assertThat(two.status()).isEqualTo(400);
    assertThat(two.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_request\"");
  }

  @Test
  void aValidTokenWithoutManagementRightsIs403() {
    String readonly = issue("reader", "nina", "\"role\": \"READONLY\"").get("secret").asText();
    HttpJson.Reply r = http.get("/admin/api/tokens", readonly);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
  }

  @Test
  void theHostCheckGrantsAccessAndNamesTheHostUserAsActor() throws Exception {
    server.close();
    InMemoryTokenStore store = new InMemoryTokenStore();
    server = AdminTestServer.start(store, TokenService.builder().store(store).build(),
        req -> "let-me-in".equals(req.getHeader("X-Test-Session")));
    http = new HttpJson(server.base);
    HttpJson.Reply r = http.exchange(HttpRequest.newBuilder(server.uri("/admin/api/tokens"))
        .header("X-Test-Session", "let-me-in").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"via-host\",\"owner\":\"olga\"}")).build());
    assertThat(r.status()).isEqualTo(201);
    String id = r.json().get("token").get("id").asText();
    JsonNode event = http.get("/admin/api/audit?tokenId=" + id, server.adminToken).json().get("items").get(0);
    assertThat(event.get("actor").asText()).isEqualTo("host-authenticated user");
    assertThat(http.get("/admin/api/tokens", null).status()).isEqualTo(401);
  }

  @Test
  void theVerifiedTokenLeftByTheFilterIsUsedWithoutAnAuthorizationHeader() {
    String reader = issue("filtered-reader", "pat", "\"role\": \"READONLY\"").get("secret").asText();
    HttpJson.Reply asAdmin = http.exchange(HttpRequest.newBuilder(server.uri("/admin/api/tokens"))
        .header("X-Test-Filter-Token", admin).build());
    assertThat(asAdmin.status()).isEqualTo(200);
    HttpJson.Reply asReader = http.exchange(HttpRequest.newBuilder(server.uri("/admin/api/tokens"))
        .header("X-Test-Filter-Token", reader).build());
    assertThat(asReader.status()).isEqualTo(403);
  }

  @Test
  void aStoreOutageIs503() throws Exception {
    server.close();
    RecordingStore store = new RecordingStore();
    server = AdminTestServer.start(store, TokenService.builder().store(store).build(), req -> true);
    http = new HttpJson(server.base);
    store.down.set(true);
    HttpJson.Reply r = http.get("/admin/api/tokens", null);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().get("detail").asText()).doesNotContain("test outage");
  }

  @Test
  void unknownPathsAre404AndWrongMethodsAre405WithAllow() {
    assertThat(http.get("/admin/api/nothing", admin).status()).isEqualTo(404);
    assertThat(http.get("/admin/api/tokens/a/b/c", admin).status()).isEqualTo(404);
    HttpJson.Reply r = http.send("PUT", "/admin/api/tokens/AAAAAAAAAAAAAAAA", "{}", "application/json", admin);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("DELETE, GET, PATCH");
    assertThat(http.get("/admin/api/tokens/AAAAAAAAAAAAAAAA/revoke", admin).status()).isEqualTo(405);
  }

  @Test
  void theOpenApiDocumentIsPublicAndPointsAtTheMount() {
    HttpJson.Reply r = http.get("/admin/api/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("openapi").asText()).startsWith("3.1");
    assertThat(r.json().get("servers").get(0).get("url").asText()).isEqualTo("/admin");
  }

  @Test
  void theOpenApiDocumentCanRequireManagementRights() throws Exception {
    ManagementServlet servlet = ManagementServlet.builder(server.tokens).publicOpenApi(false).build();
    org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
    org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    org.eclipse.jetty.ee10.servlet.ServletContextHandler context =
        new org.eclipse.jetty.ee10.servlet.ServletContextHandler("/app");
    context.addServlet(new org.eclipse.jetty.ee10.servlet.ServletHolder(servlet), "/tokens-admin/*");
    jetty.setHandler(context);
    jetty.start();
    try {
      HttpJson other = new HttpJson(java.net.URI.create("http://127.0.0.1:" + connector.getLocalPort()));
      assertThat(other.get("/app/tokens-admin/api/openapi.json", null).status()).isEqualTo(401);
      HttpJson.Reply r = other.get("/app/tokens-admin/api/openapi.json", admin);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("servers").get(0).get("url").asText()).isEqualTo("/app/tokens-admin");
    } finally {
      jetty.stop();
    }
  }

  @Test
  void theConsoleIsServedAtTheMountRootWithAStrictContentSecurityPolicy() {
    HttpJson.Reply bare = http.get("/admin", null);
    assertThat(bare.status()).isEqualTo(301);
    assertThat(bare.header("Location")).isEqualTo("/admin/");
    HttpJson.Reply page = http.get("/admin/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(page.raw().body()).contains("<html").doesNotContain("http://").doesNotContain("https://");
    HttpJson.Reply js = http.get("/admin/assets/console.js", null);
    assertThat(js.status()).isEqualTo(200);
    assertThat(js.contentType()).startsWith("text/javascript");
    assertThat(http.get("/admin/assets/openapi.json", null).status()).isEqualTo(404);
    assertThat(http.get("/admin/assets/../openapi.json", null).status()).isIn(400, 404);
    assertThat(http.send("POST", "/admin/", "{}", "application/json", null).status()).isEqualTo(405);
  }
}
