package dev.tokenkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuthContext;
import dev.tokenkit.Expiration;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.MutableClock;
import dev.tokenkit.SweepReport;
import dev.tokenkit.Token;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry notices and idle tokens: two services on one store stand for two nodes. */
class LifecycleSweepTest {
  private static final Actor ADMIN = Actor.of("admin");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final List<AuditEvent> heardOnA = new CopyOnWriteArrayList<>();
  private final List<AuditEvent> heardOnB = new CopyOnWriteArrayList<>();
  private final TokenService nodeA = TokenService.builder().store(store).clock(clock).lifecycleInterval(null)
      .auditListener(heardOnA::add).build();
  private final TokenService nodeB = TokenService.builder().store(store).clock(clock).lifecycleInterval(null)
      .auditListener(heardOnB::add).build();

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
  }

  private Token issue(String name, Instant expiresAt) {
    return nodeA.issue(ADMIN, IssueRequest.builder(name, "alice").access(Map.of("orders", AccessLevel.READ))
        .expiration(Expiration.at(expiresAt)).build()).token();
  }

  private List<AuditEvent> notices() {
    List<AuditEvent> all = new CopyOnWriteArrayList<>(heardOnA);
    all.addAll(heardOnB);
    return all.stream().filter(e -> e.type() == AuditEventType.EXPIRING_SOON || e.type() == AuditEventType.EXPIRED)
        .sorted(java.util.Comparator.comparing(AuditEvent::at)).toList(); // in the order they were sent
  }

  @Test
  void eachLeadTimeIsDeliveredOnceAcrossNodes() {
    Token t = issue("deploy", clock.instant().plus(Duration.ofDays(40)));
    assertThat(nodeA.sweepLifecycle()).isEqualTo(new SweepReport(0, 0, 0));

    clock.advance(Duration.ofDays(11)); // 29 days left: the 30-day notice
    SweepReport a = nodeA.sweepLifecycle();
    SweepReport b = nodeB.sweepLifecycle();
    assertThat(a.expiringSoon() + b.expiringSoon()).isEqualTo(1);
    assertThat(notices()).singleElement().satisfies(e -> {
      assertThat(e.tokenId()).isEqualTo(t.id());
      assertThat(e.detail()).startsWith("lead=30d");
    });
    assertThat(nodeB.sweepLifecycle().expiringSoon()).isZero(); // again: nothing new

    clock.advance(Duration.ofDays(23)); // 6 days left: the 7-day notice only
    nodeB.sweepLifecycle();
    nodeA.sweepLifecycle();
    clock.advance(Duration.ofDays(5).plusHours(12)); // 12 hours left
    nodeA.sweepLifecycle();
    clock.advance(Duration.ofDays(1)); // expired
    nodeB.sweepLifecycle();
    nodeA.sweepLifecycle();
    assertThat(notices()).extracting(AuditEvent::detail).map(d -> d.substring(0, Math.min(8, d.length())))
        .containsExactly("lead=30d", "lead=7d ", "lead=1d ", "expired ");
    assertThat(nodeA.audit(dev.tokenkit.AuditQuery.all().withTokenId(t.id())).items())
        .filteredOn(e -> e.type() == AuditEventType.EXPIRED).hasSize(1);
  }

  @Test
  void aTokenFoundCloseToExpiryGetsOnlyTheShortestLeadTimeReached() {
    issue("short", clock.instant().plus(Duration.ofDays(3)));
    nodeA.sweepLifecycle();
    assertThat(notices()).singleElement().satisfies(e -> assertThat(e.detail()).startsWith("lead=7d"));
  }

  @Test
  void regeneratingWithANewExpiryArmsTheNoticesAgain() {
    Token t = issue("again", clock.instant().plus(Duration.ofDays(5)));
    nodeA.sweepLifecycle();
    nodeA.regenerate(ADMIN, t.id(), Expiration.at(clock.instant().plus(Duration.ofDays(6))));
    nodeA.sweepLifecycle();
    assertThat(notices()).hasSize(2);
  }

  @Test
  void revokedTokensAndTokensWithoutExpiryGetNoNotice() {
    Token revoked = issue("gone", clock.instant().plus(Duration.ofDays(2)));
    nodeA.revoke(ADMIN, revoked.id());
    nodeA.issue(ADMIN, IssueRequest.builder("forever", "bob").expiration(Expiration.never()).build());
    assertThat(nodeA.sweepLifecycle()).isEqualTo(new SweepReport(0, 0, 0));
  }

  @Test
  void idleTokensAreDisabledWithAnAuditEntryWhenThePolicyIsOn() {
    try (TokenService idle = TokenService.builder().store(store).clock(clock).lifecycleInterval(null)
        .expiryNotices().disableIdleTokens(Duration.ofDays(90)).auditListener(heardOnA::add).build()) {
      String used = idle.issue(ADMIN, IssueRequest.builder("used", "carol").access(Map.of("orders", AccessLevel.READ))
          .expiration(Expiration.never()).build()).secret().reveal();
      Token unused = idle.issue(ADMIN, IssueRequest.builder("unused", "carol").expiration(Expiration.never()).build())
          .token();
      clock.advance(Duration.ofDays(60));
      assertThat(idle.authenticate(used, AuthContext.of("127.0.0.1", "orders", AccessLevel.READ)).isVerified()).isTrue();
      idle.close(); // flushes the last use
    }
    try (TokenService idle = TokenService.builder().store(store).clock(clock).lifecycleInterval(null)
        .expiryNotices().disableIdleTokens(Duration.ofDays(90)).auditListener(heardOnA::add).build()) {
      clock.advance(Duration.ofDays(31)); // unused: 91 days since creation; used: 31 days since its use
      assertThat(idle.sweepLifecycle()).isEqualTo(new SweepReport(0, 0, 1));
      assertThat(idle.list(dev.tokenkit.TokenQuery.all().withOwner("carol")).items())
          .extracting(Token::name, Token::status)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("used", TokenStatus.ACTIVE),
              org.assertj.core.groups.Tuple.tuple("unused", TokenStatus.DISABLED));
      assertThat(heardOnA).filteredOn(e -> e.type() == AuditEventType.DISABLED).singleElement()
          .satisfies(e -> assertThat(e.detail()).isEqualTo("idle: unused for 91 days (policy: 90 days)"));
      assertThat(idle.idleTokenLimit()).isEqualTo(Duration.ofDays(90));
    }
    assertThat(nodeA.idleTokenLimit()).isNull(); // off by default
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> TokenService.builder().expiryNotices(Duration.ofMinutes(5)))
        .hasMessageContaining("between 1 hour and 366 days");
    assertThatThrownBy(() -> TokenService.builder().disableIdleTokens(Duration.ofHours(2)))
        .hasMessageContaining("between 1 and 3650 days");
    assertThatThrownBy(() -> TokenService.builder().lifecycleInterval(Duration.ofSeconds(5)))
        .hasMessageContaining("lifecycleInterval");
    assertThat(nodeA.expiryNoticeLeadTimes()).containsExactly(Duration.ofDays(30), Duration.ofDays(7),
        Duration.ofDays(1));
  }
}
