package dev.tokenkit.benchmarks;

import dev.tokenkit.AuthOutcome;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.RandomCursor;
import dev.tokenkit.benchmarks.support.TokenFixture;
import dev.tokenkit.benchmarks.support.WarmService;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (7) Cached verification from two threads at once against one shared service, each thread verifying random
 * tokens of a warmed 1,000-token set, next to the same work from one thread. Scores are average time per
 * operation per thread: equal scores mean linear scaling (no contention in the hot path); throughput is
 * {@code threads / score}.
 *
 * <p>Run alone with {@code java -jar benchmarks/target/benchmarks.jar ConcurrentVerifyBenchmark}. Needs two
 * otherwise idle cores to mean anything.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConcurrentVerifyBenchmark {
  private WarmService warm;

  /** Generates and warms 1,000 tokens. */
  @Setup
  public void setUp() {
    warm = new WarmService(TokenFixture.generate(1000, 7));
  }

  /** Stops the service. */
  @TearDown
  public void tearDown() {
    warm.close();
  }

  /** Per-thread choice of the next token. */
  @State(Scope.Thread)
  public static class Cursor {
    RandomCursor random;

    /** Seeds the sequence differently per thread. */
    @Setup
    public void setUp() {
      random = new RandomCursor(System.nanoTime() ^ Thread.currentThread().getId());
    }
  }

  /**
   * Cached verification, one thread.
   *
   * @param cursor this thread's sequence
   * @return the outcome (consumed by JMH)
   */
  @Benchmark
  @Threads(1)
  public AuthOutcome tokenKitCachedVerifyOneThread(Cursor cursor) {
    return verify(cursor);
  }

  /**
   * Cached verification, two threads.
   *
   * @param cursor this thread's sequence
   * @return the outcome (consumed by JMH)
   */
  @Benchmark
  @Threads(2)
  public AuthOutcome tokenKitCachedVerifyTwoThreads(Cursor cursor) {
    return verify(cursor);
  }

  private AuthOutcome verify(Cursor cursor) {
    TokenFixture f = warm.fixture();
    return warm.service().authenticate(f.raw(cursor.random.next(f.size())), BenchServices.CONTEXT);
  }
}
