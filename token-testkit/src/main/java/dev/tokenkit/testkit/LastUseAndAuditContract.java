package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.Token;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Last-use writes (forward only, no version bump) and the audit trail (newest first, paged, outlives tokens). */
interface LastUseAndAuditContract extends ContractPart {

  // ------------------------------------------------------------------ last use

  @Test
  default void lastUseMovesOnlyForwardAndKeepsTheVersion() {
    StoredToken s = token("alice", "ci", T0);
    store().insert(s);

    store().recordLastUse(List.of(new LastUse(s.id(), T0.plusSeconds(10), "10.0.0.1")));
    store().recordLastUse(List.of(new LastUse(s.id(), T0.plusSeconds(5), "10.0.0.2")));

    Token t = store().findById(s.id()).orElseThrow().token();
    assertThat(t.lastUsedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(t.lastUsedIp()).isEqualTo("10.0.0.1");
    assertThat(t.version()).isZero();
  }

  @Test
  default void lastUseForUnknownTokensIsIgnored() {
    StoredToken s = token("alice", "ci", T0);
    store().insert(s);
    store().recordLastUse(List.of(new LastUse("gone000000000000", T0, null), new LastUse(s.id(), T0, null)));
    assertThat(store().findById(s.id()).orElseThrow().token().lastUsedAt()).isEqualTo(T0);
  }

  // ------------------------------------------------------------------ audit

  @Test
  default void auditEventsAreListedNewestFirstPerTokenAndPaged() {
    for (int i = 0; i < 5; i++) {
      store().appendAudit(new AuditEvent("ev" + i, AuditEventType.values()[i], i % 2 == 0 ? "tokA" : "tokB",
          "admin", i == 0 ? null : "10.0.0." + i, T0.plusSeconds(i), i == 4 ? "grace=PT1H" : null));
    }
    Page<AuditEvent> forA = store().listAudit(AuditQuery.all().withTokenId("tokA"));
    assertThat(forA.items()).extracting(AuditEvent::id).containsExactly("ev4", "ev2", "ev0");
    assertThat(forA.items().get(0).detail()).isEqualTo("grace=PT1H");
    assertThat(forA.items().get(2).actorIp()).isNull();

    Page<AuditEvent> first = store().listAudit(AuditQuery.all().withLimit(3));
    Page<AuditEvent> second = store().listAudit(AuditQuery.all().withLimit(3).withCursor(first.nextCursor()));
    assertThat(first.items()).extracting(AuditEvent::id).containsExactly("ev4", "ev3", "ev2");
    assertThat(second.items()).extracting(AuditEvent::id).containsExactly("ev1", "ev0");
    assertThat(second.nextCursor()).isNull();
    assertThat(first.items().get(1)).isEqualTo(new AuditEvent("ev3", AuditEventType.values()[3], "tokB", "admin",
        "10.0.0.3", T0.plusSeconds(3), null));
  }

  @Test
  default void auditEventsAtOneInstantAreOrderedByIdDescending() {
    for (String id : new String[] {"e4", "e9", "e5"}) {
      store().appendAudit(new AuditEvent(id, AuditEventType.UPDATED, "tokA", "admin", null, T0, null));
    }
    store().appendAudit(new AuditEvent("e1", AuditEventType.UPDATED, "tokA", "admin", null, T0.plusSeconds(1), null));

    Page<AuditEvent> first = store().listAudit(AuditQuery.all().withLimit(2));
    Page<AuditEvent> second = store().listAudit(AuditQuery.all().withLimit(2).withCursor(first.nextCursor()));
    assertThat(first.items()).extracting(AuditEvent::id).containsExactly("e1", "e9");
    assertThat(second.items()).extracting(AuditEvent::id).containsExactly("e5", "e4");
  }

  @Test
  default void auditEventsOutliveTheirToken() {
    StoredToken s = token("alice", "ci", T0);
    store().insert(s);
    store().appendAudit(new AuditEvent("e1", AuditEventType.ISSUED, s.id(), "admin", null, T0, null));
    store().delete(s.id());
    assertThat(store().listAudit(AuditQuery.all().withTokenId(s.id())).items()).hasSize(1);
  }
}
