package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.Nodes.ADMIN;
import static dev.tokenkit.jdbi.Nodes.auth;
import static dev.tokenkit.jdbi.Nodes.issue;
import static dev.tokenkit.jdbi.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.FailureReason;
import dev.tokenkit.IllegalTransitionException;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.Token;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.TokenUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Threads hammer one token through two service instances sharing one PostgreSQL database: changes never fork
 * (every success is one version step, exactly one secret is current) and every loser gets a conflict error.
 */
@ExtendWith(EmbeddedPostgres.class)
class ConcurrentChangesTest {
  private static final int THREADS = 6;
  private static final int ROUNDS = 15;

  private static EmbeddedPostgres.Server pg;
  private JdbiTokenStore storeA;
  private JdbiTokenStore storeB;
  private TokenService a;
  private TokenService b;
  private ExecutorService pool;

  @BeforeAll
  static void server(EmbeddedPostgres.Server server) {
    pg = server;
  }

  @BeforeEach
  void nodes() {
    String prefix = TestDatabases.newPrefix();
    storeA = TestDatabases.migrated(JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix));
    storeB = JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix).build();
    a = node(storeA);
    b = node(storeB);
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    a.close();
    b.close();
    storeA.close();
    storeB.close();
  }

  @Test
  void concurrentRotatesAndUpdatesThroughTwoNodesNeverFork() throws Exception {
    IssuedToken issued = issue(a, "contended");
    String id = issued.token().id();
    CyclicBarrier barrier = new CyclicBarrier(THREADS);
    AtomicInteger conflicts = new AtomicInteger();
    List<IssuedToken> rotations = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger updates = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        TokenService node = thread % 2 == 0 ? a : b;
        for (int round = 0; round < ROUNDS; round++) {
          barrier.await(30, TimeUnit.SECONDS); // all threads read the same version, then race to write it
          try {
            if ((thread + round) % 3 == 0) {
              node.update(ADMIN, id, TokenUpdate.builder().description("t" + thread + " r" + round).build());
              updates.incrementAndGet();
            } else {
              rotations.add(node.rotate(ADMIN, id, null));
            }
          } catch (ConcurrentUpdateException e) {
            assertThat(e).hasMessageContaining(id).hasMessageContaining("retry");
            conflicts.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }

    int successes = rotations.size() + updates.get();
    Token finalToken = a.get(id);
    assertThat(successes + conflicts.get()).isEqualTo(THREADS * ROUNDS);
    assertThat(conflicts.get()).as("racing writers of one version must conflict").isPositive();
    assertThat(finalToken.version()).as("each success is exactly one version step").isEqualTo(successes);
    List<Long> versions = rotations.stream().map(r -> r.token().version()).toList();
    assertThat(versions).as("no two rotations produced the same version (no fork)").doesNotHaveDuplicates();
    long changeEvents = audit(id).stream()
        .filter(e -> e.type() == AuditEventType.ROTATED || e.type() == AuditEventType.UPDATED).count();
    assertThat(changeEvents).isEqualTo(successes);

    // exactly one secret works, on both nodes: the one from the last rotation
    IssuedToken newest = rotations.stream().max((x, y) -> Long.compare(x.token().version(), y.token().version()))
        .orElseThrow();
    for (IssuedToken r : rotations) {
      boolean current = r == newest;
      assertThat(auth(a, r).isVerified()).isEqualTo(current);
      assertThat(auth(b, r).isVerified()).isEqualTo(current);
    }
    assertThat(auth(b, issued).reason()).isEqualTo(FailureReason.INVALID_SECRET);
  }

  @Test
  void rotationsRacingARevokeNeverLeaveAUsableSecret() throws Exception {
    IssuedToken issued = issue(a, "revoked-under-fire");
    String id = issued.token().id();
    List<IssuedToken> rotations = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger conflicts = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        start.await(30, TimeUnit.SECONDS);
        if (thread == 0) {
          Thread.sleep(50);
          while (true) {
            try {
              a.revoke(ADMIN, id);
              return null;
            } catch (ConcurrentUpdateException e) {
              conflicts.incrementAndGet();
            }
          }
        }
        TokenService node = thread % 2 == 0 ? a : b;
        while (true) {
          try {
            rotations.add(node.rotate(ADMIN, id, null));
          } catch (ConcurrentUpdateException e) {
            conflicts.incrementAndGet();
          } catch (IllegalTransitionException e) {
            return null; // revoked: rotating is over
          }
        }
      }));
    }
    for (Future<?> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }

    assertThat(a.get(id).status()).isEqualTo(TokenStatus.REVOKED);
    assertThat(rotations).isNotEmpty();
    for (IssuedToken r : rotations) {
      assertThat(auth(a, r).isVerified()).isFalse();
      assertThat(auth(b, r).isVerified()).isFalse();
    }
    assertThat(audit(id).stream().filter(e -> e.type() == AuditEventType.REVOKED).count()).isEqualTo(1);
    assertThat(a.get(id).version()).isEqualTo(rotations.size() + 1);
  }

  private List<AuditEvent> audit(String id) {
    return a.audit(AuditQuery.all().withTokenId(id).withLimit(500)).items();
  }
}
