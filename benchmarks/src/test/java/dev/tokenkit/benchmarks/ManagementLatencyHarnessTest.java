package dev.tokenkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The management-call harness runs every call through the example (in memory, a few rounds) so it cannot rot. */
class ManagementLatencyHarnessTest {

  @Test
  void everyManagementCallIsTimedThroughTheExample() throws Exception {
    ManagementLatencyHarness.Result result = ManagementLatencyHarness.run(List.of("--in-memory"), 1, 3);

    assertThat(result.samples()).hasSize(11).containsKeys("GET /admin/api/tokens/{id}", "POST /admin/api/tokens",
        "DELETE /admin/api/tokens/{id}");
    assertThat(result.samples().values()).allSatisfy(s -> assertThat(java.util.Arrays.stream(s).min().orElse(0)).isPositive());
    assertThat(result.worstMedianMillis()).isPositive();
    assertThat(result.describe()).contains("| call | p50 ms | p90 ms | p99 ms |").contains("in memory");
  }
}
