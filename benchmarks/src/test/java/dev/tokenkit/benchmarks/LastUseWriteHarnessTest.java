package dev.tokenkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The last-use harness on a small load: the write-behind recorder must coalesce many verifications into at most
 * one store write per token per flush. (A structural property, not a timing: it holds on any machine.)
 */
class LastUseWriteHarnessTest {

  @Test
  void manyVerificationsOfFewTokensCostAtMostOneWritePerTokenPerFlush() throws InterruptedException {
    LastUseWriteHarness.Result result = LastUseWriteHarness.run(200_000, 500, 2, Duration.ofMillis(50));

    assertThat(result.verifications()).isEqualTo(200_000);
    assertThat(result.flushes()).isNotEmpty();
    assertThat(result.maxWritesPerTokenPerFlush()).isEqualTo(1);
    assertThat(result.storeWrites())
        .isLessThanOrEqualTo((long) result.flushes().size() * result.tokens())
        .isLessThan(result.verifications());
    assertThat(result.describe()).contains("writes per token per interval");
  }
}
