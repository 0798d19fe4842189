package dev.tokenkit.benchmarks.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkResultTest {

  /** The layout of wrk 4.1.0 (Debian 12) with --latency. */
  private static final String SUCCESS = """
      Running 20s test @ http://127.0.0.1:41007/api/orders
        2 threads and 32 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     1.52ms    5.11ms 127.97ms   98.44%
          Req/Sec    10.80k     1.23k   13.02k    72.50%
        Latency Distribution
           50%  842.00us
           75%    1.43ms
           90%    1.89ms
           99%   27.97ms
        431370 requests in 20.01s, 65.40MB read
      Requests/sec:  21479.12
      Transfer/sec:      3.26MB
      """;

  @Test
  void readsThroughputPercentilesAndRequestCountConvertingUnitsToMicroseconds() {
    WrkResult r = WrkResult.parse(SUCCESS);

    assertThat(r.requestsPerSecond()).isCloseTo(21479.12, within(1e-9));
    assertThat(r.p50Micros()).isCloseTo(842.0, within(1e-9));
    assertThat(r.p99Micros()).isCloseTo(27_970.0, within(1e-6));
    assertThat(r.requests()).isEqualTo(431_370);
    assertThat(r.allSucceeded()).isTrue();
  }

  @Test
  void countsNon2xxAnswersAndSocketErrorsAsFailures() {
    String failing = SUCCESS.replace("Requests/sec:",
        "  Socket errors: connect 0, read 3, write 1, timeout 2\n  Non-2xx or 3xx responses: 17\nRequests/sec:");

    WrkResult r = WrkResult.parse(failing);

    assertThat(r.non2xx3xx()).isEqualTo(17);
    assertThat(r.socketErrors()).isEqualTo(6);
    assertThat(r.allSucceeded()).isFalse();
  }

  @Test
  void readsPercentilesInSeconds() {
    WrkResult r = WrkResult.parse(SUCCESS.replace("   27.97ms", "    1.50s"));

    assertThat(r.p99Micros()).isCloseTo(1_500_000.0, within(1e-6));
  }

  @Test
  void rejectsOutputWithoutTheLatencyDistributionAndSaysToUseLatency() {
    String withoutLatency = SUCCESS.replaceAll("(?m)^\\s+\\d+%.*\\n", "");

    assertThatThrownBy(() -> WrkResult.parse(withoutLatency))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--latency");
  }

  @Test
  void rejectsWrkErrorOutput() {
    assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Requests/sec");
  }
}
