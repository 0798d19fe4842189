package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenkit.AccessGrants;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.AuthContext;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.ManagementScope;
import dev.tokenkit.Role;
import dev.tokenkit.Token;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Over HTTP, in real Jetty: nothing a management caller does exceeds its scope (issue, edit, regenerate, rotate,
 * role assignment, owners out of reach, revoke all for other owners, listing and audit of other owners' tokens);
 * every refusal is 403 {@code insufficient_scope} naming what is missing, and audited; tokens rotate themselves.
 */
class ManagementScopeApiTest {
  static final Role AUDITOR = Role.managing("AUDITOR", AccessGrants.none(), ManagementScope.readOnly());
  static final Role TEAM_LEAD = Role.managing("TEAM_LEAD", AccessGrants.of(Map.of("orders", AccessLevel.FULL)),
      ManagementScope.builder().read().write().owners(List.of("alice", "bob")).build());

  private AdminTestServer server;
  private HttpJson http;
  private final List<AuditEvent> denied = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    TokenService tokens = TokenService.builder().store(store).role(AUDITOR).role(TEAM_LEAD)
        .auditListener(e -> {
          if (e.type() == AuditEventType.MANAGEMENT_DENIED) {
            synchronized (denied) {
              denied.add(e);
            }
          }
        }).build();
    server = AdminTestServer.startWithHostAccess(store, tokens, req -> {
      String user = req.getHeader("X-Test-User"); // stands in for the host's session
      return user == null ? null : Actor.of(user)
          .withScope(ManagementScope.ownTokens(user, AccessGrants.of(Map.of("orders", AccessLevel.READ))));
    });
    http = new HttpJson(server.base);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String issue(String name, String owner, String role, Map<String, AccessLevel> access) {
    return server.tokens.issue(Actor.system(), IssueRequest.builder(name, owner).role(role).access(access).build())
        .secret().reveal();
  }

  private String idOf(String raw) {
    return server.tokens.authenticate(raw, AuthContext.anyApi("127.0.0.1")).token().id();
  }

  private static void assertInsufficientScope(HttpJson.Reply r, String missing) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(403);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");
    assertThat(r.json().get("type").asText()).isEqualTo("urn:tokenkit:problem:insufficient-scope");
    assertThat(r.json().get("error").asText()).isEqualTo("insufficient_scope");
    assertThat(r.json().get("detail").asText()).contains(missing);
  }

  private HttpJson.Reply asUser(String user, String method, String path, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).header("X-Test-User", user)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.exchange(b.build());
  }

  @Test
  void anAdminTokenWithoutAccessCannotMintAnAdminTokenNorRevokeOtherOwners() {
    String narrowed = issue("no-access", "mallory", "ADMIN", Map.of("*", AccessLevel.NONE));
    issue("victim", "victor", null, Map.of("orders", AccessLevel.READ));

    assertInsufficientScope(http.post("/admin/api/tokens",
        "{\"name\":\"evil\",\"owner\":\"mallory\",\"role\":\"ADMIN\"}", narrowed), "may not manage tokens");
    assertInsufficientScope(http.post("/admin/api/owners/victor/revoke-all", "{}", narrowed), "operation 'revoke-all'");
    assertInsufficientScope(http.get("/admin/api/tokens", narrowed), "operation 'list'");
    assertThat(server.tokens.list(dev.tokenkit.TokenQuery.all().withOwner("victor")).items())
        .extracting(Token::status).containsExactly(TokenStatus.ACTIVE);
    assertThat(denied).extracting(AuditEvent::detail)
        .contains("operation 'issue' (this caller may: nothing)", "operation 'revoke-all' (this caller may: nothing)");
  }

  @Test
  void anAdminTokenWithoutOrdersAccessCannotGrantOrdersOrTheAdminRole() {
    String admin = issue("no-orders", "ops", "ADMIN", Map.of("orders", AccessLevel.NONE));
    assertInsufficientScope(http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"ops\",\"role\":\"ADMIN\"}",
        admin), "access FULL to 'orders' (may grant at most NONE)");
    assertThat(http.post("/admin/api/tokens", "{\"name\":\"y\",\"owner\":\"ops\",\"access\":{\"reports\":\"FULL\"}}",
        admin).status()).isEqualTo(201);
  }

  @Test
  void anAuditorReadsButEveryChangeIsRefusedAndAudited() {
    String auditor = issue("audit", "audrey", "AUDITOR", Map.of());
    String victim = issue("v", "victor", null, Map.of());
    String id = idOf(victim);
    assertThat(http.get("/admin/api/tokens", auditor).json().get("items")).hasSize(3); // with the bootstrap admin
    assertThat(http.get("/admin/api/tokens/" + id, auditor).status()).isEqualTo(200);
    assertThat(http.get("/admin/api/audit", auditor).status()).isEqualTo(200);
    JsonNode me = http.get("/admin/api/me", auditor).json();
    assertThat(me.at("/scope/write").asBoolean()).isFalse();
    assertThat(me.at("/scope/read").asBoolean()).isTrue();
    assertThat(me.at("/scope/reach").asText()).isEqualTo("ALL");
    assertThat(me.get("tokenId").asText()).isEqualTo(idOf(auditor));

    assertInsufficientScope(http.post("/admin/api/tokens/" + id + "/revoke", "{}", auditor), "operation 'revoke'");
    assertInsufficientScope(http.post("/admin/api/tokens/" + id + "/rotate", "{}", auditor), "operation 'rotate'");
    assertInsufficientScope(http.post("/admin/api/tokens/" + id + "/regenerate", "{}", auditor),
        "operation 'regenerate'");
    assertInsufficientScope(http.send("PATCH", "/admin/api/tokens/" + id, "{\"name\":\"n\"}", "application/json",
        auditor), "operation 'edit'");
    assertInsufficientScope(http.send("DELETE", "/admin/api/tokens/" + id, null, null, auditor), "operation 'delete'");
    assertInsufficientScope(http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"audrey\"}", auditor),
        "operation 'issue'");
    assertThat(server.tokens.get(id).status()).isEqualTo(TokenStatus.ACTIVE);
    assertThat(denied).hasSize(6).allSatisfy(e -> assertThat(e.actor()).startsWith("audrey (token "));
    assertThat(server.tokens.audit(AuditQuery.all().withTokenId(id)).items()).extracting(AuditEvent::type)
        .contains(AuditEventType.MANAGEMENT_DENIED);
  }

  @Test
  void aTeamLeadManagesOnlyItsTeamWithinItsOwnAccess() {
    String lead = issue("lead", "tess", "TEAM_LEAD", Map.of());
    String outsider = issue("o", "carol", null, Map.of());
    String strong = issue("s", "bob", "READONLY", Map.of());
    String outsiderId = idOf(outsider);
    String strongId = idOf(strong);
    issue("a", "alice", null, Map.of("orders", AccessLevel.READ));

    assertThat(http.post("/admin/api/tokens", "{\"name\":\"deploy\",\"owner\":\"alice\",\"access\":{\"orders\":\"FULL\"}}",
        lead).status()).isEqualTo(201);
    assertInsufficientScope(http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"carol\"}", lead),
        "reach over owner 'carol'");
    assertInsufficientScope(http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"alice\",\"role\":\"AUDITOR\"}",
        lead), "permission to give role 'AUDITOR', which manages more than this caller (owners beyond");
    assertThat(http.post("/admin/api/tokens", "{\"name\":\"peer\",\"owner\":\"bob\",\"role\":\"TEAM_LEAD\"}",
        lead).status()).as("a peer with the same scope is no escalation").isEqualTo(201);
    assertInsufficientScope(http.post("/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"alice\",\"role\":\"ADMIN\"}",
        lead), "access FULL to '*'");
    assertInsufficientScope(http.post("/admin/api/owners/carol/revoke-all", "{}", lead), "reach over owner 'carol'");
    assertInsufficientScope(http.get("/admin/api/tokens/" + outsiderId, lead), "reach over the owner of token");
    assertInsufficientScope(http.get("/admin/api/tokens?owner=carol", lead), "reach over owner 'carol'");
    assertInsufficientScope(http.get("/admin/api/audit?tokenId=" + outsiderId, lead), "reach over the owner");
    assertInsufficientScope(http.post("/admin/api/tokens/" + strongId + "/regenerate", "{}", lead),
        "access READ to '*'");
    assertInsufficientScope(http.post("/admin/api/tokens/" + strongId + "/rotate", "{}", lead), "access READ to '*'");
    assertInsufficientScope(http.send("PATCH", "/admin/api/tokens/" + strongId, "{\"role\":\"ADMIN\"}",
        "application/json", lead), "access FULL to '*'");

    JsonNode list = http.get("/admin/api/tokens", lead).json().get("items");
    List<String> owners = new ArrayList<>();
    list.forEach(t -> owners.add(t.get("owner").asText()));
    assertThat(owners).containsOnly("alice", "bob").hasSize(4);
    JsonNode audit = http.get("/admin/api/audit?limit=500", lead).json().get("items");
    audit.forEach(e -> assertThat(e.get("tokenId").asText()).isNotEqualTo(outsiderId).isNotEqualTo("-"));
    assertThat(server.tokens.get(outsiderId).status()).isEqualTo(TokenStatus.ACTIVE);
  }

  @Test
  void aSignedInHostUserManagesOnlyOwnTokensCappedAtOwnAccess() {
    String others = issue("theirs", "dave", null, Map.of());
    HttpJson.Reply created = asUser("carol", "POST", "/admin/api/tokens",
        "{\"name\":\"laptop\",\"owner\":\"carol\",\"access\":{\"orders\":\"READ\"}}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().at("/token/id").asText();
    assertThat(server.tokens.audit(AuditQuery.all().withTokenId(id)).items().get(0).actor()).isEqualTo("carol");
    assertThat(server.tokens.audit(AuditQuery.all().withTokenId(id)).items().get(0).actorIp()).isEqualTo("127.0.0.1");

    assertInsufficientScope(asUser("carol", "POST", "/admin/api/tokens",
        "{\"name\":\"more\",\"owner\":\"carol\",\"access\":{\"orders\":\"FULL\"}}"), "access FULL to 'orders'");
    assertInsufficientScope(asUser("carol", "POST", "/admin/api/tokens", "{\"name\":\"x\",\"owner\":\"dave\"}"),
        "its own tokens (owner 'carol')");
    assertInsufficientScope(asUser("carol", "POST", "/admin/api/tokens/" + idOf(others) + "/revoke", "{}"),
        "reach over the owner of token");
    assertInsufficientScope(asUser("carol", "POST", "/admin/api/owners/dave/revoke-all", "{}"), "owner 'dave'");
    JsonNode mine = asUser("carol", "GET", "/admin/api/tokens", null).json().get("items");
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).get("owner").asText()).isEqualTo("carol");

    JsonNode me = asUser("carol", "GET", "/admin/api/me", null).json();
    assertThat(me.get("actor").asText()).isEqualTo("carol");
    assertThat(me.get("tokenId").isNull()).isTrue();
    assertThat(me.at("/scope/reach").asText()).isEqualTo("OWN");
    assertThat(me.at("/scope/fixedOwner").asText()).isEqualTo("carol");
    assertThat(me.at("/scope/maxAccess/orders").asText()).isEqualTo("READ");
    assertThat(me.at("/scope/grantableRoles").toString()).doesNotContain("ADMIN", "READONLY", "AUDITOR");
    assertThat(asUser("carol", "POST", "/admin/api/owners/carol/revoke-all", "{}").json().get("revoked").asInt())
        .isEqualTo(1);
  }

  @Test
  void anyValidTokenRotatesItselfOnceButNotWithItsRotatedOutSecret() {
    String raw = issue("ci", "alice", "READONLY", Map.of());
    String id = idOf(raw);
    assertInsufficientScope(http.get("/admin/api/tokens", raw), "may not manage tokens");

    HttpJson.Reply rotated = http.post("/admin/api/tokens/self/rotate", "{\"graceSeconds\":3600}", raw);
    assertThat(rotated.status()).isEqualTo(200);
    String fresh = rotated.json().get("secret").asText();
    assertThat(fresh).startsWith("tk_" + id).isNotEqualTo(raw);
    assertThat(rotated.json().at("/token/id").asText()).isEqualTo(id);
    assertThat(server.tokens.authenticate(raw, AuthContext.anyApi("127.0.0.1")).token().isDeprecatedSecret()).isTrue();

    assertInsufficientScope(http.post("/admin/api/tokens/self/rotate", "{}", raw), "rotated out");
    assertThat(http.post("/admin/api/tokens/self/rotate", "{\"graceSeconds\":-1}", fresh).status()).isEqualTo(400);
    assertThat(http.post("/admin/api/tokens/self/rotate", "{}", null).status()).isEqualTo(401);
    assertThat(asUser("carol", "POST", "/admin/api/tokens/self/rotate", "{}").status())
        .as("a host session has no token to rotate").isEqualTo(400);
    HttpJson.Reply again = http.post("/admin/api/tokens/self/rotate", "{}", fresh);
    assertThat(again.status()).isEqualTo(200);
    assertThat(server.tokens.authenticate(fresh, AuthContext.anyApi("127.0.0.1")).isVerified())
        .as("no grace: the previous secret stops at once").isFalse();
    assertThat(server.tokens.audit(AuditQuery.all().withTokenId(id)).items())
        .filteredOn(e -> e.type() == AuditEventType.ROTATED).hasSize(2)
        .allSatisfy(e -> assertThat(e.actor()).isEqualTo("alice (token " + id + ", self-rotation)"));
  }

  @Test
  void onlyTheFullScopeReachesApiSharedSecretsWhichBelongToNoOwner() {
    String auditor = issue("auditor", "audra", "AUDITOR", Map.of());
    String lead = issue("lead", "alice", "TEAM_LEAD", Map.of());
    for (String token : List.of(auditor, lead)) {
      assertInsufficientScope(http.get("/admin/api/shared-secrets", token), "full management scope");
      assertInsufficientScope(http.get("/admin/api/shared-secrets/ss_abc", token), "full management scope");
      assertInsufficientScope(http.post("/admin/api/shared-secrets", "{\"name\":\"x\"}", token),
          "full management scope");
      assertInsufficientScope(http.post("/admin/api/shared-secrets/ss_abc/reveal", "{}", token),
          "full management scope");
      assertInsufficientScope(http.post("/admin/api/shared-secrets/ss_abc/rotate", "{}", token),
          "full management scope");
    }
    assertInsufficientScope(asUser("carol", "DELETE", "/admin/api/shared-secrets/ss_abc", null),
        "full management scope");
    assertThat(denied).extracting(AuditEvent::detail).anyMatch(d -> d.contains("API shared secrets"));
    assertThat(asUser("carol", "GET", "/admin/api/me", null).json().at("/scope/full").asBoolean()).isFalse();
    assertThat(http.get("/admin/api/me", auditor).json().at("/scope/full").asBoolean()).isFalse();
    assertThat(http.get("/admin/api/me", server.adminToken).json().at("/scope/full").asBoolean()).isTrue();
    assertThat(http.get("/admin/api/shared-secrets", server.adminToken).status())
        .as("the full scope passes the scope check (this service has no key ring)").isNotEqualTo(403);
  }
}
