package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.newId;
import static dev.tokenkit.testkit.StoreFixtures.next;
import static dev.tokenkit.testkit.StoreFixtures.storedToken;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.Token;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import java.time.Duration;
import java.time.Instant;
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

  @Test
  default void revokeAllRevokesEveryUnrevokedTokenOfTheOwnerOnlyWithItsEventsAndAnnouncesEach() throws Exception {
    StoredToken a = token("erin", "a", T0);
    StoredToken b = storedToken(newId(), "erin", "b", T0.plusSeconds(1), null, TokenStatus.DISABLED);
    StoredToken gone = storedToken(newId(), "erin", "gone", T0.plusSeconds(2), null, TokenStatus.REVOKED);
    StoredToken other = token("frank", "a", T0);
    for (StoredToken s : List.of(a, b, gone, other)) {
      store().insert(s);
    }
    List<String> announced = new CopyOnWriteArrayList<>();
    Instant at = T0.plusSeconds(60);
    try (AutoCloseable feed = store().subscribe(new TokenChangeListener() {
      @Override
      public void tokenChanged(String tokenId) {
        announced.add(tokenId);
      }

      @Override
      public void allChanged() {}
    })) {
      assertThat(store().revokeAll("erin", at, id -> eventOf(AuditEventType.REVOKED, id, "e-revoke-" + id)))
          .containsExactlyInAnyOrder(a.id(), b.id());

      for (StoredToken before : List.of(a, b)) {
        Token after = store().findById(before.id()).orElseThrow().token();
        assertThat(after.status()).isEqualTo(TokenStatus.REVOKED);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.updatedAt()).isEqualTo(at);
        assertThat(after.name()).isEqualTo(before.token().name());
        assertThat(after.access()).isEqualTo(before.token().access());
        assertThat(eventIdsOf(before.id())).as("the revocation's event is stored with it")
            .containsExactly("e-revoke-" + before.id());
      }
      assertThat(store().findById(gone.id()).orElseThrow().token().version()).isEqualTo(gone.version());
      assertThat(eventIdsOf(gone.id())).isEmpty();
      assertThat(store().findById(other.id()).orElseThrow().token().status()).isEqualTo(TokenStatus.ACTIVE);
      assertThat(store().revokeAll("erin", at.plusSeconds(1), id -> eventOf(AuditEventType.REVOKED, id, "x" + id)))
          .isEmpty();
      assertThat(store().revokeAll("nobody", at, id -> eventOf(AuditEventType.REVOKED, id, "y" + id))).isEmpty();
      // a store with a change feed announces every revoked id (a poller may take up to its interval); a store
      // without one (the SPI default) announces nothing
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (!announced.containsAll(List.of(a.id(), b.id())) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (!announced.isEmpty()) {
        assertThat(announced).contains(a.id(), b.id()).doesNotContain(gone.id(), other.id());
      }
    }
  }
}
