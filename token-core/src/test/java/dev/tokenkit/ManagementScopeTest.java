package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nothing a scoped caller does through {@link TokenService} exceeds its {@link ManagementScope}. */
class ManagementScopeTest {
  private static final AuthContext ANYWHERE = AuthContext.anyApi("198.51.100.7");
  private static final Actor HOST = Actor.of("host");
  private static final Role AUDITOR = Role.managing("AUDITOR", AccessGrants.none(), ManagementScope.readOnly());
  private static final Role SELF = Role.managing("SELF", AccessGrants.of(Map.of("orders", AccessLevel.READ)),
      ManagementScope.builder().read().write().ownTokens().build());

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<AuditEvent> heard = new ArrayList<>();
  private final TokenService service = TokenService.builder().store(new InMemoryTokenStore()).clock(clock)
      .role(AUDITOR).role(SELF).auditListener(heard::add).build();

  private final Actor auditor = new Actor("audrey", "192.0.2.9", ManagementScope.readOnly());
  private final Actor teamLead = new Actor("tess", "192.0.2.10", ManagementScope.builder().read().write()
      .owners(List.of("alice", "bob")).maxAccess(grants("orders", AccessLevel.FULL)).build());
  private final Actor carol = new Actor("carol", null,
      ManagementScope.ownTokens("carol", grants("orders", AccessLevel.READ)));

  @AfterEach
  void close() {
    service.close();
  }

  private static AccessGrants grants(String api, AccessLevel level) {
    return AccessGrants.of(Map.of(api, level));
  }

  private Token issue(String name, String owner, String role, Map<String, AccessLevel> access) {
    return service.issue(HOST, IssueRequest.builder(name, owner).role(role).access(access).build()).token();
  }

  private List<AuditEvent> denials() {
    return heard.stream().filter(e -> e.type() == AuditEventType.MANAGEMENT_DENIED).toList();
  }

  @Test
  void callsWithoutAScopeKeepFullRights() {
    Token t = issue("ci", "alice", "ADMIN", Map.of());
    assertThat(HOST.scope()).isEqualTo(ManagementScope.full());
    assertThat(service.get(t.id())).isEqualTo(service.get(HOST, t.id()));
    assertThat(service.revokeAll(Actor.system(), "alice")).isEqualTo(1);
  }

  @Test
  void anAuditorReadsEverythingAndChangesNothingAndEachRefusalIsAudited() {
    Token t = issue("ci", "alice", null, Map.of("orders", AccessLevel.READ));
    assertThat(service.list(auditor, TokenQuery.all()).items()).extracting(Token::id).containsExactly(t.id());
    assertThat(service.get(auditor, t.id()).id()).isEqualTo(t.id());
    assertThat(service.audit(auditor, AuditQuery.all()).items()).isNotEmpty();

    assertThatThrownBy(() -> service.revoke(auditor, t.id())).isInstanceOf(InsufficientScopeException.class)
        .hasMessageContaining("operation 'revoke'").hasMessageContaining("list, view, audit");
    assertThatThrownBy(() -> service.issue(auditor, IssueRequest.builder("x", "alice").build()))
        .isInstanceOf(InsufficientScopeException.class).hasMessageContaining("operation 'issue'");
    assertThatThrownBy(() -> service.revokeAll(auditor, "alice")).isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.delete(auditor, t.id())).isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.rotate(auditor, t.id(), null)).isInstanceOf(InsufficientScopeException.class);
    assertThat(service.get(t.id()).status()).isEqualTo(TokenStatus.ACTIVE);

    assertThat(denials()).hasSize(5).allSatisfy(e -> {
      assertThat(e.actor()).isEqualTo("audrey");
      assertThat(e.actorIp()).isEqualTo("192.0.2.9");
      assertThat(e.detail()).startsWith("operation '");
    });
    assertThat(denials().get(0).tokenId()).isEqualTo(t.id());
    assertThat(denials().get(1).tokenId()).isEqualTo("-");
    assertThatThrownBy(() -> service.revoke(auditor, t.id())).isInstanceOf(InsufficientScopeException.class);
    assertThat(denials()).as("the same refusal within a minute is audited once").hasSize(5);
  }

  @Test
  void aDelegatedAdministratorManagesOnlyItsTeamAndGrantsOnlyWithinItsCap() {
    Token alices = issue("a", "alice", null, Map.of("orders", AccessLevel.READ));
    Token carols = issue("c", "carol", null, Map.of("orders", AccessLevel.READ));
    Token strong = issue("s", "bob", "READONLY", Map.of());

    Token made = service.issue(teamLead, IssueRequest.builder("deploy", "bob")
        .access(Map.of("orders", AccessLevel.FULL)).build()).token();
    assertThat(made.owner()).isEqualTo("bob");
    assertThatThrownBy(() -> service.issue(teamLead, IssueRequest.builder("x", "carol").build()))
        .isInstanceOf(InsufficientScopeException.class).hasMessageContaining("reach over owner 'carol'")
        .hasMessageContaining("owners 'alice', 'bob'");
    assertThatThrownBy(() -> service.issue(teamLead, IssueRequest.builder("x", "alice")
        .access(Map.of("reports", AccessLevel.READ)).build()))
        .isInstanceOf(InsufficientScopeException.class)
        .hasMessageContaining("access READ to 'reports' (may grant at most NONE)");
    assertThatThrownBy(() -> service.issue(teamLead, IssueRequest.builder("x", "alice").role("READONLY").build()))
        .as("a role's grants count").isInstanceOf(InsufficientScopeException.class);
    Actor uncapped = teamLead.withScope(ManagementScope.builder().read().write().owners(List.of("alice")).build());
    assertThatThrownBy(() -> service.issue(uncapped, IssueRequest.builder("x", "alice").role("ADMIN").build()))
        .isInstanceOf(InsufficientScopeException.class)
        .hasMessageContaining("role 'ADMIN', which manages more than this caller (owners beyond owners 'alice')");
    assertThat(service.issue(uncapped, IssueRequest.builder("harmless", "alice").role("ADMIN")
        .access(Map.of("*", AccessLevel.NONE)).build()).token().role())
        .as("an ADMIN token without any access manages nothing, so it is no escalation").isEqualTo("ADMIN");

    assertThatThrownBy(() -> service.update(teamLead, alices.id(), TokenUpdate.builder()
        .access(Map.of("*", AccessLevel.FULL)).build())).isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.update(teamLead, carols.id(), TokenUpdate.builder().name("mine").build()))
        .isInstanceOf(InsufficientScopeException.class).hasMessageContaining("owner of token '" + carols.id() + "'")
        .hasMessageNotContaining("carol'");
    assertThatThrownBy(() -> service.regenerate(teamLead, strong.id(), null))
        .as("regenerating hands out a secret with more than the cap").isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.rotate(teamLead, strong.id(), null))
        .isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.revokeAll(teamLead, "carol")).isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.disable(teamLead, carols.id())).isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.get(teamLead, carols.id())).isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.list(teamLead, TokenQuery.all().withOwner("carol")))
        .isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.audit(teamLead, AuditQuery.all().withTokenId(carols.id())))
        .isInstanceOf(InsufficientScopeException.class);

    assertThat(service.list(teamLead, TokenQuery.all()).items()).extracting(Token::owner)
        .containsExactlyInAnyOrder("alice", "alice", "bob", "bob");
    assertThat(service.audit(teamLead, AuditQuery.all()).items()).extracting(AuditEvent::tokenId)
        .doesNotContain(carols.id(), "-").contains(alices.id(), made.id());
    assertThat(service.update(teamLead, alices.id(), TokenUpdate.builder()
        .access(Map.of("orders", AccessLevel.FULL)).build()).access().levelFor("orders")).isEqualTo(AccessLevel.FULL);
    assertThat(service.revokeAll(teamLead, "alice")).isEqualTo(2);
    assertThat(service.get(carols.id()).status()).isEqualTo(TokenStatus.ACTIVE);
  }

  @Test
  void aSelfServiceUserManagesOnlyOwnTokensCappedAtOwnAccess() {
    Token mine = service.issue(carol, IssueRequest.builder("laptop", "carol")
        .access(Map.of("orders", AccessLevel.READ)).build()).token();
    Token other = issue("d", "dave", null, Map.of());
    assertThatThrownBy(() -> service.issue(carol, IssueRequest.builder("x", "dave").build()))
        .isInstanceOf(InsufficientScopeException.class).hasMessageContaining("its own tokens (owner 'carol')");
    assertThatThrownBy(() -> service.update(carol, mine.id(), TokenUpdate.builder()
        .access(Map.of("orders", AccessLevel.FULL)).build())).isInstanceOf(InsufficientScopeException.class)
        .hasMessageContaining("access FULL to 'orders' (may grant at most READ)");
    assertThatThrownBy(() -> service.update(carol, mine.id(), TokenUpdate.builder().role("ADMIN").build()))
        .isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.delete(carol, other.id())).isInstanceOf(InsufficientScopeException.class);
    assertThatThrownBy(() -> service.revokeAll(carol, "dave")).isInstanceOf(InsufficientScopeException.class);

    assertThat(service.list(carol, TokenQuery.all()).items()).extracting(Token::id).containsExactly(mine.id());
    assertThat(service.update(carol, mine.id(), TokenUpdate.builder().role("SELF").build()).role())
        .as("a role that manages only its own tokens within carol's cap does not escalate").isEqualTo("SELF");
    assertThat(service.rotate(carol, mine.id(), null).token().id()).isEqualTo(mine.id());
    service.delete(carol, mine.id());
    assertThat(service.find(other.id())).isPresent();
  }

  @Test
  void anAdminTokenWhoseOwnGrantsAreNarrowedIsNarrowedForManagementToo() {
    String none = service.issue(HOST, IssueRequest.builder("n", "eve").role("ADMIN")
        .access(Map.of("*", AccessLevel.NONE)).build()).secret().reveal();
    VerifiedToken v = service.authenticate(none, ANYWHERE).token();
    assertThat(v.managesTokens()).isFalse();
    assertThat(v.managementScope()).isNull();

    String readOnly = service.issue(HOST, IssueRequest.builder("r", "eve").role("ADMIN")
        .access(Map.of(ManagementScope.MANAGEMENT_API, AccessLevel.READ)).build()).secret().reveal();
    assertThat(service.authenticate(readOnly, ANYWHERE).token().managementScope().operations())
        .isEqualTo(ManagementOperation.reads());

    String noOrders = service.issue(HOST, IssueRequest.builder("o", "eve").role("ADMIN")
        .access(Map.of("orders", AccessLevel.NONE)).build()).secret().reveal();
    ManagementScope narrowed = service.authenticate(noOrders, ANYWHERE).token().managementScope();
    assertThat(narrowed.maxAccess().levelFor("orders")).isEqualTo(AccessLevel.NONE);
    assertThat(narrowed.maxAccess().levelFor("reports")).isEqualTo(AccessLevel.FULL);
    Actor asToken = new Actor("eve (token)", null, narrowed);
    assertThatThrownBy(() -> service.issue(asToken, IssueRequest.builder("x", "eve").role("ADMIN").build()))
        .as("it cannot mint an unrestricted admin token").isInstanceOf(InsufficientScopeException.class)
        .hasMessageContaining("access FULL to 'orders' (may grant at most NONE)");
    assertThat(service.issue(asToken, IssueRequest.builder("y", "eve").access(Map.of("reports", AccessLevel.FULL))
        .build()).token().owner()).isEqualTo("eve");

    String full = service.issue(HOST, IssueRequest.builder("f", "eve").role("ADMIN").build()).secret().reveal();
    assertThat(service.authenticate(full, ANYWHERE).token().managementScope()).isEqualTo(ManagementScope.full());
  }

  @Test
  void aRoleScopeBindsToTheTokensOwner() {
    String raw = service.issue(HOST, IssueRequest.builder("me", "frank").role("SELF").build()).secret().reveal();
    ManagementScope s = service.authenticate(raw, ANYWHERE).token().managementScope();
    assertThat(s.reach()).isEqualTo(ManagementScope.Reach.OWN);
    assertThat(s.owners()).containsExactly("frank");
    assertThat(s.maxAccess().levelFor("orders")).isEqualTo(AccessLevel.READ);
    assertThat(s.reaches("frank")).isTrue();
    assertThat(s.reaches("gina")).isFalse();
    String auditorToken = service.issue(HOST, IssueRequest.builder("a", "audrey").role("AUDITOR").build())
        .secret().reveal();
    assertThat(service.authenticate(auditorToken, ANYWHERE).token().managementScope().canWrite()).isFalse();
  }

  @Test
  void aTokenRotatesItselfWithoutManagementRightsButNotWithARotatedOutSecret() {
    IssuedToken t = service.issue(HOST, IssueRequest.builder("ci", "alice").role("READONLY")
        .expiration(Expiration.months(3)).build());
    VerifiedToken self = service.authenticate(t.secret().reveal(), ANYWHERE).token();
    assertThat(self.managesTokens()).isFalse();

    IssuedToken fresh = service.rotateSelf(self, Duration.ofHours(1), "198.51.100.7");
    assertThat(fresh.token().id()).isEqualTo(t.token().id());
    assertThat(fresh.token().expiresAt()).as("the expiry stays").isEqualTo(t.token().expiresAt());
    assertThat(fresh.secret().reveal()).isNotEqualTo(t.secret().reveal());
    AuditEvent rotated = heard.get(heard.size() - 1);
    assertThat(rotated.type()).isEqualTo(AuditEventType.ROTATED);
    assertThat(rotated.actor()).contains(t.token().id()).contains("self-rotation");

    VerifiedToken old = service.authenticate(t.secret().reveal(), ANYWHERE).token();
    assertThat(old.isDeprecatedSecret()).isTrue();
    assertThatThrownBy(() -> service.rotateSelf(old, null, null)).isInstanceOf(InsufficientScopeException.class)
        .hasMessageContaining("rotated out");
    assertThat(service.authenticate(fresh.secret().reveal(), ANYWHERE).isVerified()).isTrue();
    assertThatThrownBy(() -> service.rotateSelf(service.authenticate(fresh.secret().reveal(), ANYWHERE).token(),
        Duration.ofDays(365), null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void scopeValuesAreImmutableAndCompareByValue() {
    ManagementScope a = ManagementScope.builder().read().owners(List.of("bob", "alice")).build();
    ManagementScope b = ManagementScope.builder().operations(ManagementOperation.reads())
        .owners(Set.of("alice", "bob")).build();
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.owners()).containsExactly("alice", "bob");
    assertThatThrownBy(() -> a.owners().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> a.operations().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(a.canWrite()).isFalse();
    assertThat(ManagementScope.full().canWrite()).isTrue();
    assertThatThrownBy(() -> ManagementScope.builder().owners(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(AccessGrants.of(Map.of("*", AccessLevel.READ)).exceededBy(grants("orders", AccessLevel.FULL)))
        .containsExactly(Map.entry("orders", AccessLevel.READ));
  }
}
