package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import org.junit.jupiter.api.Test;

/** The usage-quota endpoints over real HTTP against Jetty 12: set, view, reset, remove, and their errors. */
class QuotaApiTest extends AdminServerTest {
  private String issue(String name) {
    HttpJson.Reply r = http.post("/admin/api/tokens", "{\"name\":\"" + name + "\",\"owner\":\"alice\"}", admin);
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("token").get("id").asText();
  }

  private HttpJson.Reply put(String id, String body) {
    return http.send("PUT", "/admin/api/tokens/" + id + "/quota", body, "application/json", admin);
  }

  @Test
  void setViewResetAndRemove() {
    String id = issue("metered");
    assertThat(http.get("/admin/api/tokens/" + id + "/quota", admin).json().get("quota").isNull()).isTrue();

    HttpJson.Reply set = put(id, "{\"amount\": 100, \"remaining\": 40, \"refill\": \"DAILY\"}");
    assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
    JsonNode q = set.json().get("quota");
    assertThat(q.get("remaining").asLong()).isEqualTo(40);
    assertThat(q.get("amount").asLong()).isEqualTo(100);
    assertThat(q.get("refill").asText()).isEqualTo("DAILY");
    assertThat(q.get("refilledAt").isTextual()).isTrue();

    JsonNode viewed = http.get("/admin/api/tokens/" + id + "/quota", admin).json().get("quota");
    assertThat(viewed.get("remaining").asLong()).isEqualTo(40);

    HttpJson.Reply reset = http.post("/admin/api/tokens/" + id + "/quota/reset", "{}", admin);
    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.json().get("quota").get("remaining").asLong()).isEqualTo(100);

    assertThat(http.send("DELETE", "/admin/api/tokens/" + id + "/quota", null, null, admin).status()).isEqualTo(204);
    assertThat(http.get("/admin/api/tokens/" + id + "/quota", admin).json().get("quota").isNull()).isTrue();

    assertThat(server.tokens.audit(AuditQuery.all().withTokenId(id)).items())
        .filteredOn(e -> e.type() == AuditEventType.QUOTA_CHANGED).hasSize(3);
  }

  @Test
  void invalidQuotasAre400WithTheField() {
    String id = issue("bad");
    HttpJson.Reply noAmount = put(id, "{\"remaining\": 5}");
    assertThat(noAmount.status()).isEqualTo(400);
    assertThat(noAmount.raw().body()).contains("\"field\":\"amount\"");
    assertThat(put(id, "{\"amount\": 0}").status()).isEqualTo(400);
    assertThat(put(id, "{\"amount\": 5, \"remaining\": 6}").raw().body()).contains("\"field\":\"remaining\"");
    assertThat(put(id, "{\"amount\": 5, \"refill\": \"HOURLY\"}").raw().body()).contains("\"field\":\"refill\"");
    assertThat(put(id, "{\"amount\": \"many\"}").status()).isEqualTo(400);
    assertThat(put(id, "{\"amount\": 5, \"extra\": 1}").status()).isEqualTo(400);
    assertThat(http.post("/admin/api/tokens/" + id + "/quota/reset", "{}", admin).status()).isEqualTo(400);
    assertThat(put("no-such-token", "{\"amount\": 5}").status()).isEqualTo(404);
  }
}
