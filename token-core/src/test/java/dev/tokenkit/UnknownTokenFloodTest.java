package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.testsupport.RecordingStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cold path under a flood: concurrent lookups of one id share one store read; well-formed tokens with random
 * ids reach the store only at the configured rate; real uncached tokens are never limited.
 */
class UnknownTokenFloodTest {
  private static final AuthContext CTX = AuthContext.anyApi("203.0.113.9");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Counts store reads; a read can be held open so that callers overlap. */
  private static RecordingStore countingStore(CountDownLatch[] hold) {
    RecordingStore store = new RecordingStore();
    store.afterRead = r -> {
      try {
        hold[0].await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    return store;
  }

  @Test
  void concurrentLookupsOfOneUncachedIdShareOneStoreRead() throws Exception {
    CountDownLatch[] hold = {new CountDownLatch(0)};
    RecordingStore store = countingStore(hold);
    try (TokenService service = TokenService.builder().store(store).build()) {
      String raw = service.issue(Actor.of("admin"), IssueRequest.builder("ci", "alice").build()).secret().reveal();
      store.finds.set(0);
      hold[0] = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<AuthOutcome>> outcomes = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        outcomes.add(pool.submit(() -> service.authenticate(raw, CTX)));
      }
      Thread.sleep(300); // all 16 are now waiting on the one read in flight
      hold[0].countDown();
      for (Future<AuthOutcome> f : outcomes) {
        assertThat(f.get(10, TimeUnit.SECONDS).isVerified()).isTrue();
      }
      pool.shutdown();
      assertThat(store.finds.get()).as("store reads for 16 concurrent first uses").isEqualTo(1);
    }
  }

  @Test
  void randomIdsReachTheStoreOnlyAtTheConfiguredRateAndRealTokensStillWork() throws Exception {
    RecordingStore store = countingStore(new CountDownLatch[] {new CountDownLatch(0)});
    try (TokenService service = TokenService.builder().store(store).unknownIdReads(5, Duration.ofMinutes(10))
        .build()) {
      List<String> real = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        real.add(service.issue(Actor.of("admin"), IssueRequest.builder("t" + i, "alice").build()).secret().reveal());
      }
      awaitKnownIdsLoaded(service, store);
      store.finds.set(0);
      long start = System.nanoTime();
      int flood = 5000;
      for (int i = 0; i < flood; i++) {
        AuthOutcome o = service.authenticate(TokenCodec.newToken("tk", TokenCodec.newId(RANDOM), RANDOM), CTX);
        assertThat(o.isVerified()).isFalse();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      int floodReads = store.finds.get();
      assertThat(floodReads).as("store reads for %d random ids in %.1f s", flood, seconds)
          .isLessThanOrEqualTo((int) Math.ceil(50 + 5 * seconds)); // a burst of 10 s' worth, then 5/s
      store.finds.set(0);
      for (String raw : real) {
        assertThat(service.authenticate(raw, CTX).isVerified()).as("a real first use during the flood").isTrue();
      }
      assertThat(store.finds.get()).as("every real token was read, none limited").isEqualTo(20);
    }
  }

  @Test
  void aTokenIssuedThroughAnotherServiceWorksAtOnce() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    try (TokenService a = TokenService.builder().store(store).build();
        TokenService b = TokenService.builder().store(store).unknownIdReads(1, Duration.ofMinutes(10)).build()) {
      for (int i = 0; i < 30; i++) {
        String raw = a.issue(Actor.of("admin"), IssueRequest.builder("t" + i, "bob").build()).secret().reveal();
        assertThat(b.authenticate(raw, CTX).isVerified()).as("token %d on the other node", i).isTrue();
      }
    }
  }

  /** Waits until a random id no longer costs a read (the id set finished loading). */
  @Test
  void aContextWithoutUnknownIdReadsNeverSpendsTheBudgetButKnownTokensStillVerify() throws Exception {
    RecordingStore store = countingStore(new CountDownLatch[] {new CountDownLatch(0)});
    try (TokenService service = TokenService.builder().store(store).unknownIdReads(5, Duration.ofMinutes(10))
        .build()) {
      String real = service.issue(Actor.of("admin"), IssueRequest.builder("t", "alice").build()).secret().reveal();
      awaitKnownIdsLoaded(service, store); // this spends the burst; 1 s refills about 5 reads
      Thread.sleep(1000);
      store.finds.set(0);
      AuthContext flooder = CTX.withoutUnknownIdReads();
      for (int i = 0; i < 200; i++) {
        AuthOutcome o = service.authenticate(TokenCodec.newToken("tk", TokenCodec.newId(RANDOM), RANDOM), flooder);
        assertThat(o.reason()).isEqualTo(FailureReason.UNKNOWN);
      }
      assertThat(store.finds.get()).as("no store read for unknown ids from a blocked client").isZero();
      for (int i = 0; i < 10; i++) {
        service.authenticate(TokenCodec.newToken("tk", TokenCodec.newId(RANDOM), RANDOM), CTX);
      }
      assertThat(store.finds.get()).as("the refilled budget is still there for everyone else").isBetween(3, 10);
      assertThat(service.authenticate(real, flooder).isVerified()).as("known ids are checked as usual").isTrue();
    }
  }

  private static void awaitKnownIdsLoaded(TokenService service, RecordingStore store) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Thread.sleep(50);
      int before = store.finds.get();
      for (int i = 0; i < 50; i++) {
        service.authenticate(TokenCodec.newToken("tk", TokenCodec.newId(RANDOM), RANDOM), CTX);
      }
      if (store.finds.get() - before < 50) {
        return;
      }
    }
    throw new AssertionError("the known-id set did not load within 10 s");
  }
}
