package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 19: per-API last use, the unused-access report and "narrow to what was used". */
class UnusedAccessReportTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<AuditEvent> heard = new CopyOnWriteArrayList<>();
  private final TokenService service = TokenService.builder().store(new InMemoryTokenStore()).clock(clock)
      .auditListener(heard::add).build();
  private final Actor admin = Actor.of("admin");

  @AfterEach
  void close() {
    service.close();
  }

  private IssuedToken integration() {
    return service.issue(admin, IssueRequest.builder("ci", "alice").role("READONLY")
        .access(Map.of("orders", AccessLevel.FULL, "billing", AccessLevel.READ)).build());
  }

  private void use(IssuedToken t, String api) {
    assertThat(service.authenticate(t.secret().reveal(), AuthContext.of("10.0.0.1", api, AccessLevel.READ))
        .isVerified()).isTrue();
  }

  @Test
  void grantsNeverUsedOrUnusedForThePeriodAreListedWithTheirLastUse() {
    IssuedToken t = integration();
    Instant used = clock.instant();
    use(t, "orders");
    use(t, "reports"); // covered by the role's * READ

    List<UnusedAccess> report = service.unusedAccess(admin, null, Duration.ofDays(30));
    assertThat(report).singleElement().satisfies(u -> {
      assertThat(u.token().id()).isEqualTo(t.token().id());
      assertThat(u.unused()).containsExactly(new UnusedGrant("billing", AccessLevel.READ, null, false));
      assertThat(u.lastUseByApi()).containsOnlyKeys("orders", "reports");
    });

    clock.advance(Duration.ofDays(40));
    List<UnusedGrant> later = service.unusedAccess(admin, "alice", Duration.ofDays(30)).get(0).unused();
    assertThat(later).extracting(UnusedGrant::api).containsExactlyInAnyOrder("orders", "billing", "*");
    assertThat(later).filteredOn(g -> g.api().equals("*")).singleElement()
        .satisfies(g -> {
          assertThat(g.fromRole()).isTrue();
          assertThat(g.lastUsedAt()).isEqualTo(used);
        });
    assertThat(service.unusedAccess(admin, "nobody", Duration.ofDays(30))).isEmpty();
  }

  @Test
  void narrowingKeepsOnlyWhatWasUsedThroughTheAuditedUpdate() {
    IssuedToken t = integration();
    use(t, "orders");
    Token narrowed = service.narrowToUsed(admin, t.token().id(), Duration.ofDays(90));
    assertThat(narrowed.access().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("orders", AccessLevel.FULL,
        "*", AccessLevel.NONE));
    assertThat(service.authenticate(t.secret().reveal(), AuthContext.of("10.0.0.1", "billing", AccessLevel.READ))
        .reason()).isEqualTo(FailureReason.INSUFFICIENT_ACCESS);
    assertThat(service.authenticate(t.secret().reveal(), AuthContext.of("10.0.0.1", "orders", AccessLevel.FULL))
        .isVerified()).isTrue();
    AuditEvent updated = service.audit(AuditQuery.all().withTokenId(t.token().id())).items().stream()
        .filter(e -> e.type() == AuditEventType.UPDATED).findFirst().orElseThrow();
    assertThat(updated.detail()).isEqualTo("narrowed to used APIs (90 days)");
    assertThat(service.unusedAccess(admin, null, Duration.ofDays(90))).isEmpty();
  }

  @Test
  void narrowingAndReportsFollowTheCallersScope() {
    IssuedToken t = integration();
    Actor bob = new Actor("bob", null, ManagementScope.ownTokens("bob", AccessGrants.of(Map.of("*",
        AccessLevel.FULL))));
    assertThatThrownBy(() -> service.narrowToUsed(bob, t.token().id(), Duration.ofDays(30)))
        .isInstanceOf(InsufficientScopeException.class);
    assertThat(service.unusedAccess(bob, null, Duration.ofDays(30))).isEmpty();
    assertThat(service.get(t.token().id()).access().asMap()).containsKeys("orders", "billing");
    assertThatThrownBy(() -> service.unusedAccess(admin, null, Duration.ofHours(2)))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aRecordedReportIsOneEventPerTokenForTheListeners() {
    IssuedToken t = integration();
    service.reportUnusedAccess(admin, null, Duration.ofDays(30));
    assertThat(heard).filteredOn(e -> e.type() == AuditEventType.UNUSED_ACCESS_REPORTED).singleElement()
        .satisfies(e -> {
          assertThat(e.tokenId()).isEqualTo(t.token().id());
          assertThat(e.detail()).startsWith("days=30 unused=").contains("orders:FULL", "billing:READ", "*:READ");
        });
  }
}
