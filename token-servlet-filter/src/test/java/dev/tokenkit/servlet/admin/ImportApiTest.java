package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** POST /api/tokens/import over real HTTP: the imported key works against a protected endpoint at once. */
class ImportApiTest extends AdminServerTest {
  private static final String LEGACY = "legacy_live_Zx8Qm2Lp7Rt4Vw9Ky3Bn6";

  private HttpJson.Reply importKey(String json) {
    return http.post("/admin/api/tokens/import", json, server.adminToken);
  }

  @Test
  void aPlainTextKeyIsImportedWithOwnerNameAndGrantsAndWorks() {
    assertThat(http.get("/api/orders/1", LEGACY).status()).isEqualTo(401);
    HttpJson.Reply r = importKey("{\"name\":\"legacy\",\"owner\":\"acme\",\"access\":{\"orders\":\"READ\"},"
        + "\"key\":\"" + LEGACY + "\"}");
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    assertThat(r.json().get("owner").asText()).isEqualTo("acme");
    assertThat(r.json().get("access").get("orders").asText()).isEqualTo("READ");
    assertThat(r.header("Location")).isEqualTo("/admin/api/tokens/" + r.json().get("id").asText());
    assertThat(r.raw().body()).doesNotContain(LEGACY).doesNotContain("secret");
    assertThat(http.get("/api/orders/1", LEGACY).status()).isEqualTo(200);
    assertThat(http.send("POST", "/api/orders/1", "{}", "application/json", LEGACY).status()).isEqualTo(403);

    HttpJson.Reply again = importKey("{\"name\":\"legacy2\",\"owner\":\"acme\",\"key\":\"" + LEGACY + "\"}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.raw().body()).contains("already imported").doesNotContain(LEGACY);
  }

  @Test
  void aSha256HashIsImported() throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(LEGACY.getBytes(StandardCharsets.US_ASCII)));
    HttpJson.Reply r = importKey("{\"name\":\"hashed\",\"owner\":\"acme\",\"access\":{\"orders\":\"READ\"},"
        + "\"sha256\":\"" + hex + "\"}");
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.raw().body()).doesNotContain(hex);
    assertThat(http.get("/api/orders/1", LEGACY).status()).isEqualTo(200);
  }

  @Test
  void invalidImportsAre400WithoutEchoingTheKey() {
    String shortKey = "tooShortKey";
    HttpJson.Reply tooShort = importKey("{\"name\":\"x\",\"owner\":\"acme\",\"key\":\"" + shortKey + "\"}");
    assertThat(tooShort.status()).isEqualTo(400);
    assertThat(tooShort.raw().body()).contains("\"field\":\"key\"").doesNotContain(shortKey);
    assertThat(importKey("{\"name\":\"x\",\"owner\":\"acme\"}").raw().body()).contains("exactly one of");
    assertThat(importKey("{\"name\":\"x\",\"owner\":\"acme\",\"key\":\"" + LEGACY + "\",\"sha256\":\"ab\"}").status())
        .isEqualTo(400);
    assertThat(importKey("{\"name\":\"x\",\"owner\":\"acme\",\"argon2id\":\"$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA\"}")
        .raw().body()).contains("\"field\":\"lookupPrefix\"");
    assertThat(importKey("{\"name\":\"x\",\"owner\":\"acme\",\"sha256\":12}").raw().body()).contains("must be a string");
    assertThat(importKey("{\"name\":\"x\",\"key\":\"" + LEGACY + "\"}").raw().body()).contains("\"field\":\"owner\"");
  }
}
