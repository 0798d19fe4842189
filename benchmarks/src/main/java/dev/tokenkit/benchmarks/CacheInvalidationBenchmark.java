package dev.tokenkit.benchmarks;

import dev.tokenkit.Actor;
import dev.tokenkit.TokenService;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.ChangeFeedTokenStore;
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
 * The overhead included in every {@link ColdVerifyBenchmark} operation: one change-feed invalidation of a token
 * in the service's verification cache, without the verification.
 *
 * <p>JMH state, one instance per trial. Run alone with {@code java -jar benchmarks/target/benchmarks.jar
 * CacheInvalidationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CacheInvalidationBenchmark {
  private ChangeFeedTokenStore store;
  private TokenService service;
  private String tokenId;

  /** Issues one token. */
  @Setup
  public void setUp() {
    store = new ChangeFeedTokenStore(new InMemoryTokenStore());
    service = BenchServices.builder(store).build();
    tokenId = service.issue(Actor.of("bench"), IssueRequest.builder("bench", "alice").role("READONLY").build())
        .token().id();
  }

  /** Stops the service's flush thread. */
  @TearDown
  public void tearDown() {
    service.close();
  }

  /** One change-feed invalidation. */
  @Benchmark
  public void invalidateOnly() {
    store.announceChange(tokenId);
  }
}
