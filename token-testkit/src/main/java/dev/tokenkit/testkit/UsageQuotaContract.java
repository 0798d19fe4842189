package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.next;
import static dev.tokenkit.testkit.StoreFixtures.runTogether;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.quota.RefillSchedule;
import dev.tokenkit.quota.UsageQuota;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The usage-quota part of the contract, for stores that support quotas ({@link TokenStore#consumeUse},
 * {@link TokenStore#setQuota}): opt in next to {@link TokenStoreContract}.
 *
 * <pre>{@code
 * class MyStoreContractTest extends TokenStoreContract implements UsageQuotaContract {
 *   @Override protected TokenStore newStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 */
public interface UsageQuotaContract {

  /**
   * The store under test, fresh for each test ({@link TokenStoreContract#store()}).
   *
   * @return the store
   */
  TokenStore store();

  private StoredToken withQuota(UsageQuota quota, Instant at) {
    StoredToken s = token("alice", "metered-" + System.nanoTime(), T0);
    store().insert(s);
    StoredToken next = s.withToken(s.token().nextVersion(at)).withQuota(quota.setAt(at));
    store().setQuota(next, s.version(), null);
    return next;
  }

  /** Uses are counted down to 0 and then refused; a token without a quota is never refused. */
  @Test
  default void usesAreCountedDownAndRefusedAtZero() {
    StoredToken s = withQuota(UsageQuota.of(3), T0);
    assertThat(store().findById(s.id()).orElseThrow().quota().remaining()).isEqualTo(3);
    assertThat(store().consumeUse(s.id(), T0)).isTrue();
    assertThat(store().consumeUse(s.id(), T0)).isTrue();
    assertThat(store().consumeUse(s.id(), T0)).isTrue();
    assertThat(store().consumeUse(s.id(), T0)).isFalse();
    assertThat(store().findById(s.id()).orElseThrow().quota().remaining()).isZero();
    StoredToken free = token("bob", "unmetered", T0);
    store().insert(free);
    assertThat(store().findById(free.id()).orElseThrow().quota()).isNull();
    assertThat(store().consumeUse(free.id(), T0)).isTrue();
    assertThat(store().consumeUse("no-such-token", T0)).isFalse();
  }

  /** Concurrent uses never take more than the quota. */
  @Test
  default void concurrentUsesNeverExceedTheQuota() throws Exception {
    StoredToken s = withQuota(UsageQuota.of(25), T0);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      tasks.add(() -> {
        int taken = 0;
        for (int i = 0; i < 20; i++) {
          if (store().consumeUse(s.id(), T0)) {
            taken++;
          }
        }
        return taken;
      });
    }
    assertThat(runTogether(tasks).stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
    assertThat(store().findById(s.id()).orElseThrow().quota().remaining()).isZero();
  }

  /** A daily quota is refilled to its amount by the first use of a new UTC day, once. */
  @Test
  default void aScheduledQuotaIsRefilledByTheFirstUseOfANewPeriod() {
    Instant morning = T0.plus(Duration.ofHours(9));
    StoredToken s = withQuota(UsageQuota.refilled(2, RefillSchedule.DAILY), morning);
    assertThat(store().consumeUse(s.id(), morning)).isTrue();
    assertThat(store().consumeUse(s.id(), morning)).isTrue();
    assertThat(store().consumeUse(s.id(), morning.plus(Duration.ofHours(14)))).isFalse(); // 23:00, same day
    Instant nextDay = morning.plus(Duration.ofDays(1));
    assertThat(store().consumeUse(s.id(), nextDay)).isTrue();
    UsageQuota after = store().findById(s.id()).orElseThrow().quota();
    assertThat(after.remaining()).isEqualTo(1);
    assertThat(after.refilledAt()).isEqualTo(RefillSchedule.DAILY.periodStart(nextDay));
    assertThat(store().consumeUse(s.id(), nextDay)).isTrue();
    assertThat(store().consumeUse(s.id(), nextDay)).isFalse();
  }

  /** A monthly quota waits for the next UTC month. */
  @Test
  default void aMonthlyQuotaWaitsForTheNextMonth() {
    StoredToken s = withQuota(UsageQuota.refilled(1, RefillSchedule.MONTHLY), T0);
    assertThat(store().consumeUse(s.id(), T0)).isTrue();
    assertThat(store().consumeUse(s.id(), T0.plus(Duration.ofDays(30)))).isFalse(); // 31 January
    assertThat(store().consumeUse(s.id(), T0.plus(Duration.ofDays(31)))).isTrue(); // 1 February
  }

  /** Management updates keep the counted quota; setQuota is a versioned change with its audit event. */
  @Test
  default void updatesKeepTheQuotaAndSetQuotaIsVersionedAndAudited() {
    StoredToken s = withQuota(UsageQuota.of(5), T0);
    store().consumeUse(s.id(), T0);
    StoredToken renamed = next(s, "renamed", TokenStatus.ACTIVE);
    store().update(renamed.withQuota(UsageQuota.of(99)), s.version());
    StoredToken read = store().findById(s.id()).orElseThrow();
    assertThat(read.token().name()).isEqualTo("renamed");
    assertThat(read.quota().remaining()).isEqualTo(4);
    assertThatThrownBy(() -> store().setQuota(s.withToken(s.token().nextVersion(T0)).withQuota(null), s.version(),
        null)).isInstanceOf(ConcurrentUpdateException.class); // s is one version behind
    assertThat(store().findById(s.id()).orElseThrow().quota().remaining()).isEqualTo(4);
    AuditEvent event = new AuditEvent("e-quota-" + s.id(), AuditEventType.QUOTA_CHANGED, s.id(), "admin", null, T0,
        "removed");
    store().setQuota(read.withToken(read.token().nextVersion(T0)).withQuota(null), read.version(), event);
    StoredToken removed = store().findById(s.id()).orElseThrow();
    assertThat(removed.quota()).isNull();
    assertThat(removed.version()).isEqualTo(read.version() + 1);
    assertThat(store().consumeUse(s.id(), T0)).isTrue();
    assertThat(store().listAudit(AuditQuery.all().withTokenId(s.id())).items()).extracting(AuditEvent::id)
        .contains("e-quota-" + s.id());
  }
}
