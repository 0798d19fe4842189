package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.Nodes.ADMIN;
import static dev.tokenkit.jdbi.Nodes.auth;
import static dev.tokenkit.jdbi.Nodes.issue;
import static dev.tokenkit.jdbi.Nodes.millisUntilRejected;
import static dev.tokenkit.jdbi.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.FailureReason;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Really stops PostgreSQL mid-test: management calls fail with StoreUnavailableException, cached tokens keep
 * verifying, uncached ones get STORE_UNAVAILABLE; after a restart everything recovers, including LISTEN.
 */
@ExtendWith(EmbeddedPostgres.class)
class StoreOutageTest {
  private static EmbeddedPostgres.Server pg;

  @BeforeAll
  static void server(EmbeddedPostgres.Server server) {
    pg = server;
  }

  @Test
  void outageIsReportedCachedTokensKeepWorkingAndEverythingRecoversAfterRestart() throws Exception {
    String prefix = TestDatabases.newPrefix();
    // polling effectively off: after the restart only a re-established LISTEN can deliver the revoke in time
    JdbiTokenStore storeA = TestDatabases.migrated(JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix)
        .pollInterval(Duration.ofHours(1)));
    JdbiTokenStore storeB = JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix)
        .pollInterval(Duration.ofHours(1)).build();
    TokenService a = node(storeA);
    TokenService b = node(storeB);
    boolean stopped = false;
    try {
      waitUntilListening(storeB);
      IssuedToken cached = issue(a, "cached");
      IssuedToken uncached = issue(a, "uncached");
      assertThat(auth(b, cached).isVerified()).isTrue();

      pg.stop();
      stopped = true;

      assertThatThrownBy(() -> a.issue(ADMIN, IssueRequest.builder("new", "alice").build()))
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("cannot be reached");
      assertThatThrownBy(() -> a.list(TokenQuery.all())).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> a.revoke(ADMIN, cached.token().id())).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> storeA.migrate()).isInstanceOf(StoreUnavailableException.class);
      assertThat(auth(b, cached).isVerified()).as("cached token verifies within its TTL").isTrue();
      assertThat(auth(b, uncached).reason()).isEqualTo(FailureReason.STORE_UNAVAILABLE);
      assertThatThrownBy(b::flushLastUse).isInstanceOf(StoreUnavailableException.class);
      Thread.sleep(500); // let the LISTEN thread notice and start reconnecting
      assertThat(storeB.changeFeedListening()).isFalse();

      pg.start();
      stopped = false;

      assertThat(a.list(TokenQuery.all()).items()).hasSize(2);
      waitUntilListening(storeB);
      assertThat(storeB.changeFeedListening()).as("LISTEN re-established").isTrue();
      assertThat(auth(b, uncached).isVerified()).isTrue();
      assertThat(b.flushLastUse()).as("uses kept pending through the outage are written").isEqualTo(2);

      assertThat(auth(b, cached).isVerified()).isTrue(); // cached again on B
      a.revoke(ADMIN, cached.token().id());
      long ms = millisUntilRejected(b, cached, System.nanoTime(), Duration.ofSeconds(5));
      assertThat(ms).as("B hears of the revoke through the re-established LISTEN").isBetween(0L, 1_000L);
    } finally {
      if (stopped) {
        pg.start();
      }
      a.close();
      b.close();
      storeA.close();
      storeB.close();
    }
  }

  private static void waitUntilListening(JdbiTokenStore store) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!store.changeFeedListening() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }
}
