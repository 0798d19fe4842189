package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 19: a canary is never accepted, and every presentation of its right secret is audited at once. */
class CanaryTokenTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<AuditEvent> heard = new CopyOnWriteArrayList<>();
  private final TokenService service = TokenService.builder().store(new InMemoryTokenStore()).clock(clock)
      .auditListener(heard::add).build();

  @AfterEach
  void close() {
    service.close();
  }

  private IssuedToken canary() {
    return service.issue(Actor.of("admin"), IssueRequest.builder("aws-backup", "canaries").role("ADMIN")
        .canary(true).build());
  }

  private static AuthContext from(String ip, String method, String path, String userAgent) {
    return AuthContext.of(ip, "orders", AccessLevel.READ).withRequest(new RequestInfo(method, path, userAgent));
  }

  @Test
  void aCanaryIsRefusedAndEveryPresentationIsAuditedAndHeard() {
    IssuedToken bait = canary();
    assertThat(bait.token().canary()).isTrue();
    assertThat(service.get(bait.token().id()).canary()).isTrue();
    String raw = bait.secret().reveal();

    for (int i = 0; i < 3; i++) { // the first from the store, then from the cache: never de-duplicated
      AuthOutcome outcome = service.authenticate(raw, from("203.0.113.9", "GET", "/api/orders/7", "curl/8.5"));
      assertThat(outcome.isVerified()).isFalse();
      assertThat(outcome.reason()).isEqualTo(FailureReason.CANARY);
    }
    List<AuditEvent> triggers = service.audit(AuditQuery.all().withTokenId(bait.token().id())).items().stream()
        .filter(e -> e.type() == AuditEventType.CANARY_TRIGGERED).toList();
    assertThat(triggers).hasSize(3);
    AuditEvent e = triggers.get(0);
    assertThat(e.actor()).isEqualTo("client");
    assertThat(e.actorIp()).isEqualTo("203.0.113.9");
    assertThat(e.detail()).isEqualTo("method=GET path=/api/orders/7 userAgent=curl/8.5");
    assertThat(heard).filteredOn(h -> h.type() == AuditEventType.CANARY_TRIGGERED).hasSize(3);
  }

  @Test
  void aCanaryStaysRefusedWhateverItsStatusAndOnlyItsRightSecretTriggers() {
    IssuedToken bait = canary();
    service.revoke(Actor.of("admin"), bait.token().id());
    String raw = bait.secret().reveal();
    assertThat(service.authenticate(raw, from("10.0.0.1", "POST", "/x", null)).reason())
        .isEqualTo(FailureReason.CANARY);
    String wrong = raw.substring(0, raw.length() - 8) + "AAAAAAAA";
    assertThat(service.authenticate(wrong, AuthContext.anyApi("10.0.0.1")).isVerified()).isFalse();
    assertThat(heard).filteredOn(h -> h.type() == AuditEventType.CANARY_TRIGGERED).hasSize(1);
  }

  @Test
  void theTriggerDetailIsSanitisedBoundedAndHoldsNoCredential() {
    IssuedToken bait = canary();
    String raw = bait.secret().reveal();
    String hostile = "Mozilla\n<script>\u202E" + raw + "x".repeat(5000);
    service.authenticate(raw, from("10.0.0.1", "GET", "/api/" + raw, hostile));
    AuditEvent e = heard.stream().filter(h -> h.type() == AuditEventType.CANARY_TRIGGERED).findFirst().orElseThrow();
    assertThat(e.detail()).doesNotContain(raw).doesNotContain("\n").doesNotContain("\u202E").contains("[redacted]");
    assertThat(e.detail().length()).isLessThan(600);
    assertThat(e.detail()).matches("[\\x20-\\x7E]+");
  }

  @Test
  void ordinaryTokensAreUntouchedAndTheIssueEventNamesTheCanary() {
    IssuedToken plain = service.issue(Actor.of("admin"), IssueRequest.builder("ci", "alice").role("READONLY").build());
    assertThat(plain.token().canary()).isFalse();
    assertThat(service.authenticate(plain.secret().reveal(), AuthContext.of("10.0.0.1", "orders", AccessLevel.READ))
        .isVerified()).isTrue();
    IssuedToken bait = canary();
    AuditEvent issued = service.audit(AuditQuery.all().withTokenId(bait.token().id())).items().get(0);
    assertThat(issued.type()).isEqualTo(AuditEventType.ISSUED);
    assertThat(issued.detail()).isEqualTo("canary");
    assertThat(heard).noneMatch(h -> h.type() == AuditEventType.CANARY_TRIGGERED);
  }
}
