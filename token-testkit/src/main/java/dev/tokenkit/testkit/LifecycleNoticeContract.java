package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.runTogether;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle-notice part of the contract ({@link TokenStore#claimNotice}), for stores that deliver expiry
 * notices once across nodes: opt in next to {@link TokenStoreContract}.
 *
 * <pre>{@code
 * class MyStoreContractTest extends TokenStoreContract implements LifecycleNoticeContract { ... }
 * }</pre>
 */
public interface LifecycleNoticeContract {

  /**
   * The store under test, fresh for each test ({@link TokenStoreContract#store()}).
   *
   * @return the store
   */
  TokenStore store();

  private static AuditEvent event(String id, String tokenId) {
    return new AuditEvent(id, AuditEventType.EXPIRING_SOON, tokenId, "tokenkit (lifecycle)", null, T0, "lead=7d");
  }

  /** Of many concurrent claims of one notice exactly one wins, and only its event is stored. */
  @Test
  default void exactlyOneConcurrentClaimWinsAndStoresItsEvent() throws Exception {
    StoredToken s = token("alice", "expiring", T0);
    store().insert(s);
    Instant expiry = T0.plus(Duration.ofDays(30));
    List<Callable<Boolean>> claims = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String eventId = "notice-" + i + "-" + s.id();
      claims.add(() -> store().claimNotice(s.id(), "lead-604800", expiry, event(eventId, s.id())));
    }
    assertThat(runTogether(claims)).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(store().listAudit(AuditQuery.all().withTokenId(s.id())).items())
        .filteredOn(e -> e.type() == AuditEventType.EXPIRING_SOON).hasSize(1);
  }

  /** Another notice, or the same notice for a new expiry, is a new claim. */
  @Test
  default void otherNoticesAndNewExpiriesAreNewClaims() {
    StoredToken s = token("bob", "expiring", T0);
    store().insert(s);
    Instant expiry = T0.plus(Duration.ofDays(30));
    assertThat(store().claimNotice(s.id(), "lead-604800", expiry, event("a-" + s.id(), s.id()))).isTrue();
    assertThat(store().claimNotice(s.id(), "lead-604800", expiry, event("b-" + s.id(), s.id()))).isFalse();
    assertThat(store().claimNotice(s.id(), "lead-86400", expiry, event("c-" + s.id(), s.id()))).isTrue();
    assertThat(store().claimNotice(s.id(), "lead-604800", expiry.plus(Duration.ofDays(90)),
        event("d-" + s.id(), s.id()))).isTrue();
    assertThat(store().listAudit(AuditQuery.all().withTokenId(s.id())).items()).extracting(AuditEvent::id)
        .containsExactlyInAnyOrder("a-" + s.id(), "c-" + s.id(), "d-" + s.id());
  }
}
