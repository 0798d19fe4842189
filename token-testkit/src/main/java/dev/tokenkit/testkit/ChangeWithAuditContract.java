package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.next;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.StoredToken;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A change and its audit event are stored together or not at all (insert, update, delete with an event), and every
 * stored id is listed for the service's known-id set.
 */
interface ChangeWithAuditContract extends ContractPart {

  private static AuditEvent eventOf(AuditEventType type, String tokenId, String eventId) {
    return new AuditEvent(eventId, type, tokenId, "admin", "192.0.2.1", T0, null);
  }

  private List<String> eventIdsOf(String tokenId) {
    return store().listAudit(AuditQuery.all().withTokenId(tokenId)).items().stream().map(AuditEvent::id).toList();
  }

  @Test
  default void aChangeAndItsAuditEventAreStoredTogether() {
    StoredToken s = token("alice", "ci", T0);
    store().insert(s, eventOf(AuditEventType.ISSUED, s.id(), "e-issued"));
    StoredToken renamed = next(s, "renamed", TokenStatus.ACTIVE);
    store().update(renamed, s.version(), eventOf(AuditEventType.UPDATED, s.id(), "e-updated"));
    assertThat(store().findById(s.id()).orElseThrow().token().name()).isEqualTo("renamed");
    assertThat(store().delete(s.id(), eventOf(AuditEventType.DELETED, s.id(), "e-deleted"))).isTrue();
    assertThat(eventIdsOf(s.id())).containsExactlyInAnyOrder("e-issued", "e-updated", "e-deleted");
  }

  @Test
  default void aRefusedChangeStoresNoAuditEvent() {
    StoredToken s = token("alice", "ci", T0);
    store().insert(s, eventOf(AuditEventType.ISSUED, s.id(), "e-issued"));
    StoredToken stale = next(s, "renamed", TokenStatus.REVOKED);
    store().update(stale, s.version(), eventOf(AuditEventType.REVOKED, s.id(), "e-revoked"));
    assertThatThrownBy(() -> store().update(next(s, "again", TokenStatus.DISABLED), s.version(),
        eventOf(AuditEventType.DISABLED, s.id(), "e-lost-race"))).isInstanceOf(ConcurrentUpdateException.class);
    StoredToken sameName = token("alice", "renamed", T0);
    assertThatThrownBy(() -> store().insert(sameName, eventOf(AuditEventType.ISSUED, sameName.id(), "e-duplicate")))
        .isInstanceOf(DuplicateTokenException.class);
    assertThat(store().delete("no-such-id", eventOf(AuditEventType.DELETED, "no-such-id", "e-missing"))).isFalse();
    assertThat(eventIdsOf(s.id())).containsExactlyInAnyOrder("e-issued", "e-revoked");
    assertThat(eventIdsOf(sameName.id())).isEmpty();
    assertThat(eventIdsOf("no-such-id")).isEmpty();
  }

  @Test
  default void everyStoredIdIsListedForTheKnownIdSet() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      StoredToken s = token("owner" + (i % 2), "t" + i, T0.plusSeconds(i));
      store().insert(s);
      ids.add(s.id());
    }
    store().delete(ids.remove(0));
    List<String> listed = new CopyOnWriteArrayList<>();
    store().forEachId(listed::add);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
  }
}
