package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.sharedsecret.KeyRing;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared-secret endpoints and the token field signatureSecretId over real HTTP against Jetty 12. */
class SharedSecretApiTest {
  private AdminTestServer server;
  private HttpJson http;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    InMemoryTokenStore store = new InMemoryTokenStore();
    server = AdminTestServer.start(store, TokenService.builder().store(store)
        .sharedSecretKeys(KeyRing.builder().key("k1", key).build()).build(), null);
    http = new HttpJson(server.base);
    admin = server.adminToken;
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private JsonNode create(String name) {
    HttpJson.Reply r = http.post("/admin/api/shared-secrets", "{\"name\": \"" + name + "\"}", admin);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void createReturns201WithTheSharedSecretAndItsValue() {
    HttpJson.Reply r = http.post("/admin/api/shared-secrets", "{\"name\": \"billing-integration\"}", admin);
    assertThat(r.status()).isEqualTo(201);
    JsonNode s = r.json().get("sharedSecret");
    assertThat(s.get("id").asText()).matches("ss_[A-Za-z0-9]{16}");
    assertThat(s.get("name").asText()).isEqualTo("billing-integration");
    assertThat(s.get("createdAt").asText()).isNotBlank();
    assertThat(r.json().get("secret").asText()).matches("tkss_[A-Za-z0-9]{43}").matches("[A-Za-z0-9_]+");
    assertThat(r.header("Location")).endsWith("/admin/api/shared-secrets/" + s.get("id").asText());
  }

  @Test
  void aDuplicateNameIs409() {
    create("billing");
    HttpJson.Reply r = http.post("/admin/api/shared-secrets", "{\"name\": \"billing\"}", admin);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:duplicate-shared-secret");
  }

  @Test
  void invalidBodiesAre400() {
    assertThat(http.post("/admin/api/shared-secrets", "{}", admin).status()).isEqualTo(400);
    assertThat(http.post("/admin/api/shared-secrets", "{\"name\": 7}", admin).status()).isEqualTo(400);
    assertThat(http.post("/admin/api/shared-secrets", "{\"name\": \"x\", \"value\": \"mine\"}", admin).status())
        .isEqualTo(400);
    assertThat(http.post("/admin/api/shared-secrets", "{\"name\": \"" + "x".repeat(101) + "\"}", admin).status())
        .isEqualTo(400);
  }

  @Test
  void listShowsItemsAndNeverAValue() {
    String value = create("a").get("secret").asText();
    create("b");
    HttpJson.Reply r = http.get("/admin/api/shared-secrets", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("items")).hasSize(2);
    assertThat(r.json().get("items").get(0).get("name").asText()).isEqualTo("b");
    assertThat(r.raw().body()).doesNotContain(value).doesNotContain("tkss_").doesNotContain("aes-256-gcm");
  }

  @Test
  void revealReturnsTheValueAndIsAudited() {
    JsonNode c = create("billing");
    String id = c.get("sharedSecret").get("id").asText();
    HttpJson.Reply r = http.post("/admin/api/shared-secrets/" + id + "/reveal", "{}", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("secret").asText()).isEqualTo(c.get("secret").asText());
    assertThat(server.tokens.audit(AuditQuery.all().withTokenId(id)).items()).extracting(AuditEvent::type)
        .contains(AuditEventType.SHARED_SECRET_REVEALED);
    assertThat(http.post("/admin/api/shared-secrets/" + id + "/reveal", "{\"x\":1}", admin).status()).isEqualTo(400);
  }

  @Test
  void revealNeedsManagementRights() {
    String id = create("billing").get("sharedSecret").get("id").asText();
    String reader = server.tokens.issue(Actor.system(), IssueRequest.builder("reader", "ivy").role("READONLY").build())
        .secret().reveal();
    HttpJson.Reply r = http.post("/admin/api/shared-secrets/" + id + "/reveal", "{}", reader);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.raw().body()).doesNotContain("tkss_");
    assertThat(http.post("/admin/api/shared-secrets/" + id + "/reveal", "{}", null).status()).isEqualTo(401);
  }

  @Test
  void rotateReturnsANewValueAndTheOverlap() {
    JsonNode c = create("billing");
    String id = c.get("sharedSecret").get("id").asText();
    HttpJson.Reply r = http.post("/admin/api/shared-secrets/" + id + "/rotate", "{\"graceSeconds\": 3600}", admin);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("secret").asText()).startsWith("tkss_").isNotEqualTo(c.get("secret").asText());
    assertThat(r.json().get("sharedSecret").get("id").asText()).isEqualTo(id);
    assertThat(r.json().get("sharedSecret").get("previousValidUntil").isNull()).isFalse();
    assertThat(http.post("/admin/api/shared-secrets/" + id + "/rotate", "{\"graceSeconds\": -1}", admin).status())
        .isEqualTo(400);
    assertThat(http.post("/admin/api/shared-secrets/" + id + "/rotate", "", admin).status()).isEqualTo(200);
  }

  @Test
  void deleteIs204ThenUnknownIdsAre404() {
    String id = create("billing").get("sharedSecret").get("id").asText();
    assertThat(http.send("DELETE", "/admin/api/shared-secrets/" + id, null, null, admin).status()).isEqualTo(204);
    HttpJson.Reply r = http.post("/admin/api/shared-secrets/" + id + "/reveal", "{}", admin);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:shared-secret-not-found");
    assertThat(http.send("DELETE", "/admin/api/shared-secrets/" + id, null, null, admin).status()).isEqualTo(404);
  }

  @Test
  void tokensAcceptShowAndClearSignatureSecretId() {
    String id = create("billing").get("sharedSecret").get("id").asText();
    HttpJson.Reply issued = http.post("/admin/api/tokens",
        "{\"name\": \"signed\", \"owner\": \"alice\", \"signatureSecretId\": \"" + id + "\"}", admin);
    assertThat(issued.status()).isEqualTo(201);
    assertThat(issued.json().get("token").get("signatureSecretId").asText()).isEqualTo(id);
    String tokenId = issued.json().get("token").get("id").asText();
    assertThat(http.get("/admin/api/tokens/" + tokenId, admin).json().get("signatureSecretId").asText()).isEqualTo(id);

    HttpJson.Reply cleared = http.send("PATCH", "/admin/api/tokens/" + tokenId, "{\"signatureSecretId\": null}",
        "application/json", admin);
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().get("signatureSecretId").isNull()).isTrue();

    HttpJson.Reply set = http.send("PATCH", "/admin/api/tokens/" + tokenId, "{\"signatureSecretId\": \"" + id + "\"}",
        "application/json", admin);
    assertThat(set.json().get("signatureSecretId").asText()).isEqualTo(id);
    assertThat(http.get("/admin/api/tokens/" + tokenId, admin).json().has("signatureSecretId")).isTrue();
  }

  @Test
  void anUnknownSignatureSecretIdIsInvalidInput() {
    HttpJson.Reply r = http.post("/admin/api/tokens",
        "{\"name\": \"signed\", \"owner\": \"alice\", \"signatureSecretId\": \"ss_doesnotexist00\"}", admin);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("signatureSecretId");
  }

  @Test
  void withoutAKeyRingCreateIsRefusedWithHowToConfigureOne() throws Exception {
    try (AdminTestServer plain = AdminTestServer.start()) {
      HttpJson h = new HttpJson(plain.base);
      HttpJson.Reply r = h.post("/admin/api/shared-secrets", "{\"name\": \"billing\"}", plain.adminToken);
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:shared-secrets-not-configured");
      assertThat(r.json().get("detail").asText()).contains("sharedSecretKeys");
      assertThat(h.get("/admin/api/shared-secrets", plain.adminToken).json().get("items")).isEmpty();
    }
  }
}
