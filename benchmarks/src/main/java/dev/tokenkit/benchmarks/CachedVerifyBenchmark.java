package dev.tokenkit.benchmarks;

import dev.tokenkit.Actor;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (1) TokenKit cached verification: {@code TokenService.authenticate} of a token issued through the public API
 * into an {@link InMemoryTokenStore}, with the verification cache warmed by one verification in setup. Each
 * operation is the full hot path: parse + CRC32 check, SHA-256 of the presented token, Caffeine lookup,
 * constant-time compare, status/expiry/access checks and the write-behind last-use note.
 *
 * <p>JMH state, one instance per trial; the service is thread-safe. Run alone with
 * {@code java -jar benchmarks/target/benchmarks.jar CachedVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CachedVerifyBenchmark {
  private TokenService service;
  private String token;

  /** Issues one READONLY token and warms the cache with it. */
  @Setup
  public void setUp() {
    service = BenchServices.builder(new InMemoryTokenStore()).build();
    token = service.issue(Actor.of("bench"), IssueRequest.builder("bench", "alice").role("READONLY").build())
        .secret().reveal();
    BenchServices.requireVerified(service.authenticate(token, BenchServices.CONTEXT));
  }

  /** Stops the service's flush thread. */
  @TearDown
  public void tearDown() {
    service.close();
  }

  /**
   * One cached verification.
   *
   * @return the outcome (consumed by JMH)
   */
  @Benchmark
  public AuthOutcome tokenKitCachedVerify() {
    return service.authenticate(token, BenchServices.CONTEXT);
  }
}
