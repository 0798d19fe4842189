package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.next;
import static dev.tokenkit.testkit.StoreFixtures.runTogether;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.FailureReason;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.StoredToken;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrency: one winner per version, rotations never fork, revoke wins at once; and service flows over the store. */
interface ConcurrencyContract extends ContractPart {

  // ------------------------------------------------------------------ concurrency

  @Test
  default void concurrentUpdatesOfOneVersionHaveExactlyOneWinner() throws Exception {
    StoredToken s = token("alice", "ci", T0);
    store().insert(s);
    int threads = 8;
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String name = "winner-" + i;
      tasks.add(() -> {
        try {
          store().update(next(s, name, TokenStatus.ACTIVE), 0);
          return true;
        } catch (ConcurrentUpdateException e) {
          return false;
        }
      });
    }
    List<Boolean> results = runTogether(tasks);

    assertThat(results.stream().filter(r -> r).count()).isEqualTo(1);
    StoredToken after = store().findById(s.id()).orElseThrow();
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.token().name()).startsWith("winner-");
  }

  @Test
  default void parallelRotationsThroughTheServiceNeverFork() throws Exception {
    try (TokenService service = TokenService.builder().store(store()).build()) {
      IssuedToken issued = service.issue(Actor.of("admin"), IssueRequest.builder("rotating", "alice").build());
      String id = issued.token().id();
      List<Callable<IssuedToken>> tasks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        tasks.add(() -> {
          try {
            return service.rotate(Actor.of("admin"), id, null);
          } catch (ConcurrentUpdateException e) {
            return null;
          }
        });
      }
      List<IssuedToken> results = runTogether(tasks);
      List<IssuedToken> winners = results.stream().filter(r -> r != null).toList();
      assertThat(winners).isNotEmpty();
      Set<Long> versions = new HashSet<>();
      winners.forEach(w -> versions.add(w.token().version()));
      assertThat(versions).as("one winner per version").hasSize(winners.size());

      long finalVersion = service.get(id).version();
      int verifying = 0;
      for (IssuedToken w : winners) {
        AuthOutcome o = service.authenticate(w.secret().reveal(), AuthContext.anyApi("10.0.0.1"));
        if (o.isVerified()) {
          verifying++;
          assertThat(w.token().version()).isEqualTo(finalVersion);
        }
      }
      assertThat(verifying).as("exactly the last rotation's secret works").isEqualTo(1);
      assertThat(service.authenticate(issued.secret().reveal(), AuthContext.anyApi("10.0.0.1")).reason())
          .isEqualTo(FailureReason.INVALID_SECRET);
    }
  }

  @Test
  default void onceRevokeReturnsNoVerificationSucceeds() throws Exception {
    try (TokenService service = TokenService.builder().store(store()).build()) {
      IssuedToken issued = service.issue(Actor.of("admin"), IssueRequest.builder("hot", "alice").build());
      String raw = issued.secret().reveal();
      AuthContext ctx = AuthContext.anyApi("10.0.0.1");
      assertThat(service.authenticate(raw, ctx).isVerified()).isTrue();

      AtomicBoolean revoked = new AtomicBoolean();
      AtomicInteger successesAfterRevoke = new AtomicInteger();
      AtomicInteger checksAfterRevoke = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      CountDownLatch stop = new CountDownLatch(1);
      List<Future<?>> verifiers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        verifiers.add(pool.submit(() -> {
          while (stop.getCount() > 0) {
            boolean after = revoked.get();
            boolean ok = service.authenticate(raw, ctx).isVerified();
            if (after) {
              checksAfterRevoke.incrementAndGet();
              if (ok) {
                successesAfterRevoke.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      Thread.sleep(50);
      service.revoke(Actor.of("admin"), issued.token().id());
      revoked.set(true);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (checksAfterRevoke.get() < 30 && System.nanoTime() < deadline) {
        Thread.sleep(5); // let every verifier run several checks that start after revoke returned
      }
      stop.countDown();
      for (Future<?> f : verifiers) {
        f.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(checksAfterRevoke.get()).isPositive();
      assertThat(successesAfterRevoke.get()).isZero();
      assertThat(service.authenticate(raw, ctx).reason()).isEqualTo(FailureReason.REVOKED);
    }
  }

  @Test
  default void serviceFlowsWorkOnTheStore() {
    try (TokenService service = TokenService.builder().store(store()).build()) {
      Actor admin = Actor.of("admin");
      IssuedToken a = service.issue(admin, IssueRequest.builder("a", "carol").build());
      service.issue(admin, IssueRequest.builder("b", "carol").build());
      service.issue(admin, IssueRequest.builder("c", "dave").build());
      service.disable(admin, a.token().id());
      assertThat(service.get(a.token().id()).status()).isEqualTo(TokenStatus.DISABLED);

      assertThat(service.revokeAll(admin, "carol")).isEqualTo(2);
      assertThat(service.list(TokenQuery.all().withOwner("carol").withStatus(TokenStatus.REVOKED)).items()).hasSize(2);
      assertThat(service.list(TokenQuery.all().withOwner("dave").withStatus(TokenStatus.ACTIVE)).items()).hasSize(1);

      service.delete(admin, a.token().id());
      assertThat(service.find(a.token().id())).isEmpty();
      assertThat(service.audit(AuditQuery.all().withTokenId(a.token().id())).items())
          .extracting(AuditEvent::type)
          .containsExactly(AuditEventType.DELETED, AuditEventType.REVOKED, AuditEventType.DISABLED, AuditEventType.ISSUED);
    }
  }
}
