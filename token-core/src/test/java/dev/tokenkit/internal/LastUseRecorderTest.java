package dev.tokenkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.TokenStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Last uses noted in cache entries' slots: one write per token per flush, and no slot is ever stranded. */
class LastUseRecorderTest {
  private final List<List<LastUse>> batches = new ArrayList<>();
  private final TokenStore store = capturing(batches, 0);

  /**
   * A store that only records last-use batches and keeps no per-API uses (the recorder asks that once and calls
   * nothing else); fails the first n calls.
   */
  @SuppressWarnings("unchecked")
  private static TokenStore capturing(List<List<LastUse>> batches, int failures) {
    int[] left = {failures};
    return (TokenStore) Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[] {TokenStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("recordLastUse")) {
            batches.add(List.copyOf((Collection<LastUse>) args[0]));
            if (left[0]-- > 0) {
              throw new IllegalStateException("down");
            }
          }
          return method.getName().equals("recordsApiUse") ? Boolean.FALSE : null;
        });
  }

  @Test
  void usesOfOneSlotAreCoalescedAndAUseAfterAFlushQueuesItAgain() {
    try (LastUseRecorder recorder = new LastUseRecorder(store, Duration.ofHours(1))) {
      UseSlot slot = new UseSlot("tok1");
      recorder.record(slot, 1_000, "192.0.2.1");
      recorder.record(slot, 2_000, "192.0.2.2");
      assertThat(recorder.pending("tok1").at().toEpochMilli()).isEqualTo(2_000);
      assertThat(recorder.flush()).isEqualTo(1);
      assertThat(batches.get(0)).extracting(LastUse::ip).containsExactly("192.0.2.2");
      assertThat(recorder.flush()).isZero();
      recorder.record(slot, 3_000, null);
      assertThat(recorder.flush()).isEqualTo(1);
      assertThat(batches.get(1).get(0).at().toEpochMilli()).isEqualTo(3_000);
    }
  }

  @Test
  void anOldEntryUsedAfterItsReplacementDoesNotStrandTheNewOne() {
    try (LastUseRecorder recorder = new LastUseRecorder(store, Duration.ofHours(1))) {
      UseSlot replacement = new UseSlot("tok2");
      UseSlot old = new UseSlot("tok2"); // e.g. a request that fetched the entry just before an invalidation
      recorder.record(replacement, 1_000, null);
      recorder.record(old, 1_001, null);
      assertThat(recorder.flush()).isEqualTo(1);
      recorder.record(replacement, 5_000, null); // must be queued again, not lost
      assertThat(recorder.flush()).isEqualTo(1);
      assertThat(batches.get(1).get(0).at().toEpochMilli()).isEqualTo(5_000);
    }
  }

  @Test
  void aFailedFlushKeepsTheUsesForTheNextOne() {
    List<List<LastUse>> calls = new ArrayList<>();
    TokenStore failingOnce = capturing(calls, 1);
    try (LastUseRecorder recorder = new LastUseRecorder(failingOnce, Duration.ofHours(1))) {
      recorder.record(new UseSlot("tok3"), 1_000, null);
      try {
        recorder.flush();
      } catch (IllegalStateException expected) {
        // retried below
      }
      assertThat(recorder.pending("tok3")).isNotNull();
      assertThat(recorder.flush()).isEqualTo(1);
      assertThat(calls).hasSize(2).allSatisfy(batch -> assertThat(batch).extracting(LastUse::tokenId)
          .containsExactly("tok3"));
    }
  }
}
