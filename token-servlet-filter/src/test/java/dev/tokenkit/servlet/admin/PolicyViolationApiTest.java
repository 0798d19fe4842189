package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.Expiration;
import dev.tokenkit.ExpiryPolicy;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A token issued before "never" was forbidden shows POLICY_VIOLATION in the API and works again once regenerated. */
class PolicyViolationApiTest {

  @Test
  void blockedReasonIsShownUntilTheTokenIsRegenerated() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    IssuedToken legacy;
    try (TokenService before = TokenService.builder().store(store).build()) {
      legacy = before.issue(Actor.of("admin"), IssueRequest.builder("legacy", "alice")
          .access(Map.of("orders", AccessLevel.READ)).expiration(Expiration.never()).build());
    }
    TokenService after = TokenService.builder().store(store)
        .expiryPolicy(ExpiryPolicy.builder().allowNever(false).build()).build();
    try (AdminTestServer server = AdminTestServer.start(store, after, null)) {
      HttpJson http = new HttpJson(server.base);
      String id = legacy.token().id();
      HttpJson.Reply got = http.get("/admin/api/tokens/" + id, server.adminToken);
      assertThat(got.json().get("status").asText()).isEqualTo("ACTIVE");
      assertThat(got.json().get("blockedReason").asText()).isEqualTo("POLICY_VIOLATION");
      assertThat(http.get("/api/orders/1", legacy.secret().reveal()).status()).isEqualTo(401);

      HttpJson.Reply renewed = http.post("/admin/api/tokens/" + id + "/regenerate",
          "{\"expiration\": {\"months\": 3}}", server.adminToken);
      assertThat(renewed.status()).isEqualTo(200);
      assertThat(renewed.json().get("token").get("blockedReason").isNull()).isTrue();
      assertThat(http.get("/api/orders/1", renewed.json().get("secret").asText()).status()).isEqualTo(200);
      assertThat(http.get("/admin/api/policy", server.adminToken).json().get("expiryNoticeLeadDays").toString())
          .isEqualTo("[30,7,1]");
    }
  }
}
