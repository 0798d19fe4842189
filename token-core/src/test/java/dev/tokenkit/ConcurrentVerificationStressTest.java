package dev.tokenkit;

import dev.tokenkit.testsupport.RecordingStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real-thread stress on verification racing with management calls, on the in-memory store and the verification
 * cache. Complements {@code TokenStoreContract} (one winner per version, parallel rotations, verify vs revoke) and
 * {@code TokenServiceTest} (the deterministic cache-fill-before-revoke race). Each test is bounded to a few seconds.
 *
 * <p>The invariant throughout: a verifier samples "the change has returned" <em>before</em> it starts a
 * verification; any such verification must see the change.
 */
class ConcurrentVerificationStressTest {
  private static final Actor ADMIN = Actor.of("admin");
  private static final AuthContext ANYWHERE = AuthContext.anyApi("10.0.0.1");
  private static final Duration RUN = Duration.ofMillis(400);

  /** A store whose reads take a random few microseconds, to widen every read/invalidate race window. */
  private static RecordingStore jitteryStore() {
    RecordingStore store = new RecordingStore();
    store.afterRead = r -> LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000, 50_000));
    return store;
  }

  @Test
  @Timeout(20)
  void cacheRefillsRacingARevokeNeverResurrectTheToken() throws Exception {
    // 1 ms cache TTL: nearly every verification is a cold store read followed by a cache fill
    try (TokenService service = TokenService.builder().store(jitteryStore()).cacheTtl(Duration.ofMillis(1)).build()) {
      for (int round = 0; round < 5; round++) {
        IssuedToken t = service.issue(ADMIN, IssueRequest.builder("refill-" + round, "alice").build());
        String raw = t.secret().reveal();
        AtomicInteger verifiedAfterRevoke = new AtomicInteger();
        AtomicInteger checkedAfterRevoke = new AtomicInteger();
        AtomicReference<Boolean> revoked = new AtomicReference<>(false);
        try (Hammer hammer = new Hammer(4, () -> {
          boolean after = revoked.get();
          AuthOutcome o = service.authenticate(raw, ANYWHERE);
          if (after) {
            checkedAfterRevoke.incrementAndGet();
            if (o.isVerified() || o.reason() != FailureReason.REVOKED) {
              verifiedAfterRevoke.incrementAndGet();
            }
          }
        })) {
          Hammer.pause(Duration.ofMillis(60));
          service.revoke(ADMIN, t.token().id());
          revoked.set(true);
          Hammer.pause(Duration.ofMillis(60));
          hammer.stop();
        }
        assertThat(checkedAfterRevoke.get()).as("round %d verified after the revoke", round).isPositive();
        assertThat(verifiedAfterRevoke.get()).as("round %d: successes or non-REVOKED outcomes after revoke", round)
            .isZero();
      }
    }
  }

  @Test
  @Timeout(20)
  void afterARotationReturnsTheRetiredSecretNeverVerifiesAgain() throws Exception {
    try (TokenService service = TokenService.builder().store(jitteryStore()).cacheTtl(Duration.ofMillis(50)).build()) {
      IssuedToken first = service.issue(ADMIN, IssueRequest.builder("rotating", "alice").build());
      String id = first.token().id();
      AtomicReference<String> current = new AtomicReference<>(first.secret().reveal());
      Set<String> retired = ConcurrentHashMap.newKeySet();
      AtomicInteger retiredSuccesses = new AtomicInteger();
      AtomicInteger retiredChecks = new AtomicInteger();
      try (Hammer hammer = new Hammer(3, () -> {
        String[] snapshot = retired.toArray(new String[0]);
        if (snapshot.length > 0) {
          String old = snapshot[ThreadLocalRandom.current().nextInt(snapshot.length)];
          retiredChecks.incrementAndGet();
          if (service.authenticate(old, ANYWHERE).isVerified()) {
            retiredSuccesses.incrementAndGet();
          }
        }
        service.authenticate(current.get(), ANYWHERE); // keeps the cache warm with the live secret
      })) {
        for (int i = 0; i < 40; i++) {
          String before = current.get();
          IssuedToken rotated = service.rotate(ADMIN, id, null);
          current.set(rotated.secret().reveal());
          retired.add(before);
          Thread.sleep(5);
        }
        hammer.stop();
      }
      assertThat(retiredChecks.get()).isPositive();
      assertThat(retiredSuccesses.get()).as("retired secrets that verified").isZero();
      assertThat(service.authenticate(current.get(), ANYWHERE).isVerified()).isTrue();
    }
  }

  @Test
  @Timeout(20)
  void concurrentRotationsUnderVerificationLoadNeverFork() throws Exception {
    try (TokenService service = TokenService.builder().store(jitteryStore()).build()) {
      IssuedToken first = service.issue(ADMIN, IssueRequest.builder("forking", "alice").build());
      String id = first.token().id();
      List<String> issued = java.util.Collections.synchronizedList(new ArrayList<>(List.of(first.secret().reveal())));
      AtomicInteger conflicts = new AtomicInteger();
      try (Hammer verifiers = new Hammer(2, () -> {
            List<String> copy;
            synchronized (issued) {
              copy = List.copyOf(issued);
            }
            service.authenticate(copy.get(ThreadLocalRandom.current().nextInt(copy.size())), ANYWHERE);
          });
          Hammer rotators = new Hammer(3, () -> {
            try {
              issued.add(service.rotate(ADMIN, id, null).secret().reveal());
            } catch (ConcurrentUpdateException e) {
              conflicts.incrementAndGet();
            }
          })) {
        Hammer.pause(RUN);
        rotators.stop();
        verifiers.stop();
      }
      long working = issued.stream().filter(s -> service.authenticate(s, ANYWHERE).isVerified()).count();
      assertThat(issued).hasSizeGreaterThan(3);
      assertThat(working).as("of %d issued secrets (%d conflicts), exactly one verifies", issued.size(),
          conflicts.get()).isEqualTo(1);
      assertThat(service.get(id).version()).as("one version per successful rotation")
          .isEqualTo(issued.size() - 1L);
    }
  }

  @Test
  @Timeout(20)
  void afterAnUpdateReturnsRemovedAccessAndDisabledTokensNeverVerify() throws Exception {
    try (TokenService service = TokenService.builder().store(jitteryStore()).cacheTtl(Duration.ofMillis(20)).build()) {
      IssuedToken t = service.issue(ADMIN, IssueRequest.builder("downgraded", "alice")
          .access(Map.of("orders", AccessLevel.FULL)).build());
      String raw = t.secret().reveal();
      String id = t.token().id();
      AuthContext writeOrders = AuthContext.of("10.0.0.1", "orders", AccessLevel.FULL);
      AtomicReference<String> phase = new AtomicReference<>("open");
      Map<String, AtomicInteger> wrongOutcomes = new ConcurrentHashMap<>();
      AtomicInteger checks = new AtomicInteger();
      try (Hammer hammer = new Hammer(4, () -> {
        String p = phase.get();
        AuthOutcome o = service.authenticate(raw, writeOrders);
        checks.incrementAndGet();
        boolean wrong = switch (p) {
          // a disable that lands during this verification may already show: DISABLED is fine too
          case "downgraded" -> o.isVerified();
          case "disabled" -> o.isVerified() || o.reason() != FailureReason.DISABLED;
          default -> false;
        };
        if (wrong) {
          wrongOutcomes.computeIfAbsent(p + ": " + (o.isVerified() ? "VERIFIED" : o.reason()),
              k -> new AtomicInteger()).incrementAndGet();
        }
      })) {
        Hammer.pause(Duration.ofMillis(100));
        service.update(ADMIN, id, TokenUpdate.builder().access(Map.of("orders", AccessLevel.READ)).build());
        phase.set("downgraded");
        Hammer.pause(Duration.ofMillis(150));
        service.disable(ADMIN, id);
        phase.set("disabled");
        Hammer.pause(Duration.ofMillis(150));
        hammer.stop();
      }
      assertThat(checks.get()).isGreaterThan(10);
      assertThat(wrongOutcomes).as("outcomes that ignored a change that had returned").isEmpty();
    }
  }

  @Test
  @Timeout(20)
  void aRevokeThroughOneNodeBindsAnotherNodeSharingTheStoreBeforeItReturns() throws Exception {
    InMemoryTokenStore shared = new InMemoryTokenStore();
    try (TokenService nodeA = TokenService.builder().store(shared).build();
        TokenService nodeB = TokenService.builder().store(new RecordingStore(shared)).build()) {
      IssuedToken t = nodeA.issue(ADMIN, IssueRequest.builder("two-nodes", "alice").build());
      String raw = t.secret().reveal();
      AtomicReference<Boolean> revoked = new AtomicReference<>(false);
      AtomicInteger successesAfter = new AtomicInteger();
      AtomicInteger checksAfter = new AtomicInteger();
      try (Hammer hammer = new Hammer(3, () -> {
        boolean after = revoked.get();
        boolean ok = nodeB.authenticate(raw, ANYWHERE).isVerified();
        if (after) {
          checksAfter.incrementAndGet();
          if (ok) {
            successesAfter.incrementAndGet();
          }
        }
      })) {
        Hammer.pause(Duration.ofMillis(100));
        nodeA.revoke(ADMIN, t.token().id());
        revoked.set(true);
        Hammer.pause(Duration.ofMillis(100));
        hammer.stop();
      }
      assertThat(checksAfter.get()).isPositive();
      assertThat(successesAfter.get()).isZero();
    }
  }

  @Test
  @Timeout(20)
  void revokeAllRacingVerificationsOfManyTokensLeavesNoneVerifying() throws Exception {
    try (TokenService service = TokenService.builder().store(jitteryStore()).cacheTtl(Duration.ofMillis(5)).build()) {
      List<String> secrets = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        secrets.add(service.issue(ADMIN, IssueRequest.builder("bulk-" + i, "mallory").build()).secret().reveal());
      }
      AtomicReference<Boolean> revoked = new AtomicReference<>(false);
      AtomicInteger successesAfter = new AtomicInteger();
      AtomicInteger checksAfter = new AtomicInteger();
      try (Hammer hammer = new Hammer(4, () -> {
        boolean after = revoked.get();
        String raw = secrets.get(ThreadLocalRandom.current().nextInt(secrets.size()));
        boolean ok = service.authenticate(raw, ANYWHERE).isVerified();
        if (after) {
          checksAfter.incrementAndGet();
          if (ok) {
            successesAfter.incrementAndGet();
          }
        }
      })) {
        Hammer.pause(Duration.ofMillis(100));
        assertThat(service.revokeAll(ADMIN, "mallory")).isEqualTo(12);
        revoked.set(true);
        Hammer.pause(Duration.ofMillis(100));
        hammer.stop();
      }
      assertThat(checksAfter.get()).isPositive();
      assertThat(successesAfter.get()).isZero();
    }
  }
}
