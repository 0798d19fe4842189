package dev.tokenkit.servlet;

import dev.tokenkit.testkit.RecordingStore;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.IssueRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What clients and handlers see, over real HTTP in a real container. */
abstract class FilterBehaviourSuite extends FilterTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void verifiedRequestReachesHandlerWithPrincipalAuthTypeAndAttribute() throws Exception {
    HttpResponse<String> r = get("/api/orders/42", bearer(ordersToken));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains(TestApp.PROTECTED_MARKER, "principal=alice", "remoteUser=alice",
        "authType=Bearer", "admin=false", "any=true", "attribute=" + ordersTokenId, "principalType=TokenPrincipal");
    assertThat(app.protectedHits).hasValue(1);
  }

  @Test
  void roleNameIsVisibleThroughIsUserInRole() throws Exception {
    assertThat(get("/api/orders", bearer(adminToken)).body()).contains("principal=root", "admin=true", "readonly=false");
    assertThat(get("/api/orders", bearer(readerToken)).body()).contains("principal=bob", "admin=false", "readonly=true");
  }

  @Test
  void requestWithoutCredentialsGets401WithBareBearerChallengeAndProblemBody() throws Exception {
    HttpResponse<String> r = get("/api/orders");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
    assertProblem(r, 401, "unauthorized", null);
    assertThat(app.protectedHits).hasValue(0);
  }

  @Test
  void errorAnswersKeepHeadersSetByEarlierFilters() throws Exception {
    assertThat(get("/api/orders").headers().firstValue("X-Host-Filter")).hasValue("kept");
    assertThat(get("/api/orders", bearer("tk_bogus")).headers().firstValue("X-Host-Filter")).hasValue("kept");
  }

  @Test
  void everyRejectedTokenGetsTheSameInvalidTokenAnswerWhateverTheReason() throws Exception {
    String wrongSecret = ordersToken.substring(0, ordersToken.length() - 8) + "AAAAAAAA";
    String unknownId = tokens.format().isWellFormed(wrongSecret) ? wrongSecret : "tk_" + "A".repeat(65);
    List<String> presented = List.of("garbage", "tk_notatoken", unknownId, disabledToken, revokedToken, officeToken);
    List<String> bodies = new ArrayList<>();
    for (String token : presented) {
      HttpResponse<String> r = get("/api/orders", bearer(token));
      assertThat(r.statusCode()).as(token.substring(0, 3)).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");
      assertProblem(r, 401, "invalid-token", "invalid_token");
      assertThat(r.body()).doesNotContain(token);
      bodies.add(r.body());
    }
    assertThat(bodies).allSatisfy(b -> assertThat(b).isEqualTo(bodies.get(0)));
    assertThat(app.protectedHits).hasValue(0);
  }

  @Test
  void expiredTokenGetsTheSameInvalidTokenAnswer() throws Exception {
    HttpResponse<String> valid = get("/api/orders", bearer(readerToken));
    assertThat(valid.statusCode()).isEqualTo(200);
    clock.shift(Duration.ofDays(3660)); // past any expiry the default policy allows

    HttpResponse<String> expired = get("/api/orders", bearer(readerToken));
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");
    assertThat(expired.body()).isEqualTo(get("/api/orders", bearer(revokedToken)).body());
    assertThat(app.protectedHits).hasValue(1);
  }

  @Test
  void readOnlyTokenMayReadButNotWrite() throws Exception {
    assertThat(get("/api/orders", bearer(readerToken)).statusCode()).isEqualTo(200);
    assertThat(send("HEAD", "/api/orders", bearer(readerToken)).statusCode()).isEqualTo(200);
    assertThat(send("OPTIONS", "/api/orders", bearer(readerToken)).statusCode()).isEqualTo(200);

    HttpResponse<String> post = send("POST", "/api/orders", bearer(readerToken));
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(post.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"insufficient_scope\"");
    assertProblem(post, 403, "insufficient-scope", "insufficient_scope");
    assertThat(send("DELETE", "/api/orders/1", bearer(readerToken)).statusCode()).isEqualTo(403);
    assertThat(app.protectedHits).hasValue(3);
  }

  @Test
  void accessIsCheckedPerApi() throws Exception {
    assertThat(get("/api/reports/2024", bearer(ordersToken)).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/reports/2024", bearer(ordersToken)).statusCode()).isEqualTo(403);
    assertThat(send("PUT", "/api/orders/7", bearer(ordersToken)).statusCode()).isEqualTo(200);
    assertThat(get("/api/refunds/1", bearer(ordersToken)).statusCode()).isEqualTo(403);
  }

  @Test
  void apiKeyHeaderIsAcceptedAndTwoCredentialsAreAnInvalidRequest() throws Exception {
    assertThat(get("/api/orders", "X-API-Key", ordersToken).statusCode()).isEqualTo(200);

    HttpResponse<String> both = get("/api/orders", "X-API-Key", ordersToken, "Authorization", "Bearer " + ordersToken);
    assertThat(both.statusCode()).isEqualTo(400);
    assertThat(both.headers().allValues("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_request\"");
    assertProblem(both, 400, "invalid-request", "invalid_request");
    assertThat(app.protectedHits).hasValue(1);
  }

  @Test
  void ambiguousPathsGetTheirOwnProblemType() throws Exception {
    HttpResponse<String> r = get("/api/orders;jsessionid=x", bearer(ordersToken));
    assertThat(r.statusCode()).isEqualTo(400);
    assertProblem(r, 400, "ambiguous-path", "invalid_request");
    assertThat(app.protectedHits).hasValue(0);
  }

  @Test
  void otherAuthorizationSchemesCountAsNoCredentials() throws Exception {
    HttpResponse<String> r = get("/api/orders", "Authorization", "Basic YWxpY2U6c2VjcmV0");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
  }

  @Test
  void publicPathsPassWithoutToken() throws Exception {
    assertThat(get("/health").body()).isEqualTo("public-ok token=false");
    assertThat(get("/public/anything/deeper").statusCode()).isEqualTo(200);
    assertThat(get("/public/x", bearer("not-even-a-token")).statusCode()).isEqualTo(200);
  }

  @Test
  void unmatchedPathsAreDeniedByDefaultEvenWithAnAdminToken() throws Exception {
    HttpResponse<String> r = get("/internal/metrics", bearer(adminToken));
    assertThat(r.statusCode()).isEqualTo(404);
    assertProblem(r, 404, "not-found", null);
    assertThat(r.body()).doesNotContain("fallback-404");
    assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void storeOutageForUncachedTokenGets503WithRetryAfterWhileCachedTokensKeepWorking() throws Exception {
    String fresh = tokens.issue(ADMIN, IssueRequest.builder("fresh-" + System.nanoTime(), "gina")
        .access(Map.of("orders", AccessLevel.READ)).build()).secret().reveal();
    assertThat(get("/api/orders", bearer(ordersToken)).statusCode()).isEqualTo(200); // now cached
    store.down.set(true);

    HttpResponse<String> r = get("/api/orders", bearer(fresh));
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
    assertProblem(r, 503, "store-unavailable", null);
    assertThat(get("/api/orders", bearer(ordersToken)).statusCode()).isEqualTo(200);
    assertThat(app.protectedHits).hasValue(2);
  }

  @Test
  void oldSecretInRotationGracePeriodGetsDeprecationAndSunsetHeaders() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    HttpResponse<String> old = get("/api/orders", bearer(rotatedOldToken));

    assertThat(old.statusCode()).isEqualTo(200);
    String deprecation = old.headers().firstValue("Deprecation").orElseThrow();
    assertThat(deprecation).matches("@\\d+");
    assertThat(Long.parseLong(deprecation.substring(1))).isBetween(before.getEpochSecond(),
        Instant.now().getEpochSecond() + 1);
    String sunset = old.headers().firstValue("Sunset").orElseThrow();
    assertThat(sunset).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    Instant end = ZonedDateTime.parse(sunset, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    assertThat(end).isBetween(before.plus(Duration.ofMinutes(50)), Instant.now().plus(Duration.ofHours(1)));

    HttpResponse<String> fresh = get("/api/orders", bearer(rotatedNewToken));
    assertThat(fresh.statusCode()).isEqualTo(200);
    assertThat(fresh.headers().firstValue("Deprecation")).isEmpty();
    assertThat(fresh.headers().firstValue("Sunset")).isEmpty();
  }

  @Test
  void handlerCheckInCodeTurnsIntoInsufficientScope() throws Exception {
    String payments = tokens.issue(ADMIN, IssueRequest.builder("payments-" + System.nanoTime(), "hank")
        .access(Map.of("payments", AccessLevel.FULL)).build()).secret().reveal();

    HttpResponse<String> denied = get("/api/refunds/9", bearer(payments));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertProblem(denied, 403, "insufficient-scope", "insufficient_scope");
    assertThat(app.protectedHits).hasValue(1);
    assertThat(get("/api/refunds/9", bearer(adminToken)).statusCode()).isEqualTo(200);
  }

  @Test
  void handlerCheckOnPublicPathWithoutTokenTurnsInto401() throws Exception {
    HttpResponse<String> r = get("/public/require");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
  }

  @Test
  void forwardFromPublicToProtectedPathIsAuthenticated() throws Exception {
    assertThat(get("/public/forward").statusCode()).isEqualTo(401);
    assertThat(app.protectedHits).hasValue(0);
    HttpResponse<String> ok = get("/public/forward", bearer(ordersToken));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("principal=alice");
    assertThat(get("/public/forward", bearer(revokedToken)).statusCode()).isEqualTo(401);
    assertThat(app.protectedHits).hasValue(1);
  }

  @Test
  void includeOfProtectedPathWithoutTokenLeavesItOut() throws Exception {
    HttpResponse<String> r = get("/public/include");
    assertThat(r.body()).contains("public-before;").doesNotContain(TestApp.PROTECTED_MARKER);
    assertThat(app.protectedHits).hasValue(0);
    assertThat(get("/public/include", bearer(ordersToken)).body()).contains(TestApp.PROTECTED_MARKER);
  }

  @Test
  void asyncDispatchFromPublicToProtectedPathIsAuthenticated() throws Exception {
    assertThat(get("/public/async").statusCode()).isEqualTo(401);
    assertThat(app.protectedHits).hasValue(0);
    HttpResponse<String> ok = get("/public/async", bearer(ordersToken));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("principal=alice");
  }

  @Test
  void errorPageUnderProtectedPathIsAuthenticated() throws Exception {
    HttpResponse<String> r = get("/public/error");
    assertThat(r.statusCode()).isIn(401, 409);
    assertThat(r.body()).doesNotContain(TestApp.PROTECTED_MARKER);
    assertThat(app.protectedHits).hasValue(0);
  }

  @Test
  void forwardingHeadersFromUntrustedPeerAreIgnored() throws Exception {
    assertThat(get("/api/orders", "X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer " + officeToken)
        .statusCode()).isEqualTo(401);
    assertThat(get("/api/orders", "Forwarded", "for=203.0.113.9", "Authorization", "Bearer " + officeToken)
        .statusCode()).isEqualTo(401);
  }

  @Test
  void trustedProxyXForwardedForIsReadRightToLeftSkippingTrustedProxies() throws Exception {
    assertThat(get("/proxied/api/orders", "X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.0.0.5",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(200);
    assertThat(get("/proxied/api/orders", "X-Forwarded-For", "203.0.113.9, 198.51.100.1",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(401);
    assertThat(get("/proxied/api/orders", "X-Forwarded-For", "203.0.113.9, garbage",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(401);
  }

  @Test
  void trustedProxyHopsWithPortsAreUnderstoodAndUnknownHopsFailClosed() throws Exception {
    assertThat(get("/proxied/api/orders", "X-Forwarded-For", "203.0.113.9:8080",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(200);
    assertThat(get("/proxied/api/orders", "X-Forwarded-For", "unknown",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(401);
    assertThat(get("/forwarded/api/orders", "Forwarded", "for=_hidden",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(401);
    assertThat(get("/forwarded/api/orders", "Forwarded", "for=\"[2001:db8::1]:4711\"",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(401);
  }

  @Test
  void resolvedClientIpIsWhatTheTokenRecordsAsLastUse() throws Exception {
    String id = tokens.format().idOf(officeToken);
    assertThat(get("/proxied/api/orders", "X-Forwarded-For", "203.0.113.77, 10.1.2.3",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(200);
    tokens.flushLastUse();
    assertThat(tokens.get(id).lastUsedIp()).isEqualTo("203.0.113.77");
  }

  @Test
  void trustedProxyForwardedHeaderIsReadAndXForwardedForIgnoredThere() throws Exception {
    assertThat(get("/forwarded/api/orders", "Forwarded", "for=198.51.100.1, for=\"203.0.113.9:4711\";proto=https",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(200);
    assertThat(get("/forwarded/api/orders", "X-Forwarded-For", "203.0.113.9",
        "Authorization", "Bearer " + officeToken).statusCode()).isEqualTo(401);
  }

  @Test
  void queryStringTokenIsIgnoredUnlessEnabled() throws Exception {
    HttpResponse<String> r = get("/api/orders?access_token=" + ordersToken);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
    assertThat(r.body()).doesNotContain(ordersToken);
  }

  @Test
  void initParametersConfigureAContainerCreatedFilter() throws Exception {
    HttpResponse<String> viaQuery = get("/webxml/api/orders?access_token=" + ordersToken);
    assertThat(viaQuery.statusCode()).isEqualTo(200);
    assertThat(viaQuery.body()).contains("principal=" + ordersTokenId);

    HttpResponse<String> none = get("/webxml/api/orders");
    assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"tokenkit-test\"");
    HttpResponse<String> twice = get("/webxml/api/orders?access_token=" + ordersToken + "&access_token=x");
    assertThat(twice.statusCode()).isEqualTo(400);
    assertThat(twice.headers().allValues("WWW-Authenticate"))
        .containsExactly("Bearer realm=\"tokenkit-test\", error=\"invalid_request\"");

    // unmatched = AUTHENTICATE: any valid token, no API check
    assertThat(get("/webxml/somewhere", bearer(readerToken)).body()).isEqualTo("fallback-404");
    assertThat(get("/webxml/somewhere").statusCode()).isEqualTo(401);
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code, String error) throws Exception {
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("type").asText()).isEqualTo("urn:tokenkit:problem:" + code);
    assertThat(body.get("title").asText()).isNotBlank();
    assertThat(body.get("detail").asText()).isNotBlank();
    if (error == null) {
      assertThat(body.has("error")).isFalse();
    } else {
      assertThat(body.get("error").asText()).isEqualTo(error);
    }
  }
}
