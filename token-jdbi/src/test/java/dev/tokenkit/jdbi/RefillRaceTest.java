package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.Nodes.ADMIN;
import static dev.tokenkit.jdbi.Nodes.auth;
import static dev.tokenkit.jdbi.Nodes.issue;
import static dev.tokenkit.jdbi.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AuthOutcome;
import dev.tokenkit.FailureReason;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.TokenService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The refill race, end to end over one PostgreSQL: node B's cache fill reads the token while it is active, node A
 * revokes it and the NOTIFY reaches B, and only then does B's fill try to cache what it read. The stale
 * snapshot must not be cached or honoured: B rejects, then and afterwards.
 */
@ExtendWith(EmbeddedPostgres.class)
class RefillRaceTest {
  private static EmbeddedPostgres.Server pg;

  @BeforeAll
  static void server(EmbeddedPostgres.Server server) {
    pg = server;
  }

  @Test
  void aFillThatReadTheRowBeforeARevokeOnAnotherNodeDoesNotResurrectTheToken() throws Exception {
    String prefix = TestDatabases.newPrefix();
    JdbiTokenStore storeA = TestDatabases.migrated(JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix)
        .pollInterval(Duration.ofHours(1)));
    JdbiTokenStore storeB = JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix)
        .pollInterval(Duration.ofHours(1)).build();
    PausingStore pausingB = new PausingStore(storeB);
    TokenService a = node(storeA);
    TokenService b = node(pausingB);
    ExecutorService filler = Executors.newSingleThreadExecutor();
    try {
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!storeB.changeFeedListening() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      IssuedToken t = issue(a, "raced");
      String id = t.token().id();
      // the insert is announced too (so B's known-id set learns the id): let that announcement arrive first, so
      // the latch below can only be released by the revoke's
      long insertDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (pausingB.deliveries(id) == 0 && System.nanoTime() < insertDeadline) {
        Thread.sleep(5);
      }
      assertThat(pausingB.deliveries(id)).as("the insert reached B through NOTIFY").isEqualTo(1);
      var delivered = pausingB.deliveredLatch(id);

      pausingB.pauseNextRead();
      // its own thread: the common pool may be busy (or have one thread) on a 2-core machine
      CompletableFuture<AuthOutcome> fill = CompletableFuture.supplyAsync(() -> auth(b, t), filler);
      assertThat(pausingB.readDone.await(10, TimeUnit.SECONDS)).as("B read the active row").isTrue();
      a.revoke(ADMIN, id);
      assertThat(delivered.await(5, TimeUnit.SECONDS)).as("the revoke reached B through NOTIFY").isTrue();
      pausingB.release.countDown();

      AuthOutcome raced = fill.get(10, TimeUnit.SECONDS);
      assertThat(raced.isVerified()).as("the fill that read before the revoke is not honoured").isFalse();
      assertThat(raced.reason()).isEqualTo(FailureReason.REVOKED);
      assertThat(auth(b, t).reason()).as("and nothing stale was cached").isEqualTo(FailureReason.REVOKED);
    } finally {
      filler.shutdownNow();
      a.close();
      b.close();
      storeA.close();
      storeB.close();
    }
  }
}
