package dev.tokenkit.benchmarks;

import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.CountingTokenStore;
import dev.tokenkit.benchmarks.support.PreloadedTokenStore;
import dev.tokenkit.benchmarks.support.RandomCursor;
import dev.tokenkit.benchmarks.support.TokenFixture;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Last-use writes under load: N successful verifications spread at random over M tokens from T threads,
 * against a {@link CountingTokenStore} that logs every last-use flush; reports store writes per flush interval
 * and the most writes any token got in one interval (target: at most 1).
 *
 * <p>Not a JMH benchmark (it counts writes, it does not time code). Run with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.LastUseWriteHarness
 * [verifications] [tokens] [threads] [flushMillis]}, defaults 20000000 10000 2 250. Stateless; {@link #run}
 * is safe to call from any thread.
 */
public final class LastUseWriteHarness {
  private LastUseWriteHarness() {}

  /**
   * Runs the harness from the command line and prints the result.
   *
   * @param args optional: verifications, tokens, threads, flush interval in milliseconds
   * @throws InterruptedException when interrupted while waiting for the worker threads
   */
  public static void main(String[] args) throws InterruptedException {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000L;
    int m = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long flushMillis = args.length > 3 ? Long.parseLong(args[3]) : 250;
    System.out.println(run(n, m, threads, Duration.ofMillis(flushMillis)).describe());
  }

  /**
   * Runs N verifications over M tokens and collects the flushes.
   *
   * @param verifications N, at least 1
   * @param tokens M, at least 1
   * @param threads worker threads, at least 1
   * @param flushInterval the service's last-use flush interval; positive
   * @return the result
   * @throws InterruptedException when interrupted while waiting for the worker threads
   * @throws IllegalArgumentException when a count is not positive
   */
  public static Result run(long verifications, int tokens, int threads, Duration flushInterval)
      throws InterruptedException {
    if (verifications < 1 || tokens < 1 || threads < 1) {
      throw new IllegalArgumentException("verifications, tokens and threads must be positive");
    }
    TokenFixture fixture = TokenFixture.generate(tokens, 11);
    CountingTokenStore store = new CountingTokenStore(
        new PreloadedTokenStore(new InMemoryTokenStore(), fixture.stored()));
    TokenService service = BenchServices.builder(store).lastUseFlushInterval(flushInterval).build();
    LongAdder verified = new LongAdder();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      long share = verifications / threads + (t < verifications % threads ? 1 : 0);
      RandomCursor cursor = new RandomCursor(31L * t + 17);
      Thread w = new Thread(() -> {
        for (long i = 0; i < share; i++) {
          if (service.authenticate(fixture.raw(cursor.next(tokens)), BenchServices.CONTEXT).isVerified()) {
            verified.increment();
          }
        }
      }, "last-use-harness-" + t);
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join();
    }
    long elapsedNanos = System.nanoTime() - start;
    int scheduledFlushes = store.flushes().size();
    service.close(); // flushes what is still pending
    return new Result(verified.sum(), tokens, threads, flushInterval, elapsedNanos, scheduledFlushes,
        store.flushes());
  }

  /**
   * What one run saw.
   *
   * @param verifications successful verifications
   * @param tokens the number of tokens used
   * @param threads worker threads
   * @param flushInterval the flush interval
   * @param elapsedNanos wall time of the verifications
   * @param scheduledFlushes flushes by the service's timer during the run (the rest came from {@code close()})
   * @param flushes every flush, oldest first
   */
  public record Result(long verifications, int tokens, int threads, Duration flushInterval, long elapsedNanos,
      int scheduledFlushes, List<CountingTokenStore.Flush> flushes) {

    /**
     * All last-use entries written, i.e. store row writes.
     *
     * @return the sum
     */
    public long storeWrites() {
      return flushes.stream().mapToLong(CountingTokenStore.Flush::entries).sum();
    }

    /**
     * The most writes one token got in one flush (one interval); the target is at most 1.
     *
     * @return the maximum, 0 when nothing was flushed
     */
    public int maxWritesPerTokenPerFlush() {
      return flushes.stream().mapToInt(CountingTokenStore.Flush::maxPerToken).max().orElse(0);
    }

    /**
     * The shortest time between two timer flushes, in milliseconds (shows flushes are an interval apart).
     *
     * @return the gap, or -1 with fewer than two timer flushes
     */
    public double minGapBetweenScheduledFlushesMillis() {
      double min = -1;
      for (int i = 1; i < scheduledFlushes; i++) {
        double gap = (flushes.get(i).atNanos() - flushes.get(i - 1).atNanos()) / 1e6;
        min = min < 0 ? gap : Math.min(min, gap);
      }
      return min;
    }

    /**
     * A readable report.
     *
     * @return the text
     */
    public String describe() {
      double seconds = elapsedNanos / 1e9;
      long writes = storeWrites();
      int count = flushes.size();
      return String.format(Locale.ROOT, String.join("%n",
          "verifications:                      %d over %d tokens from %d threads in %.2f s (%.0f/s)",
          "flush interval:                     %d ms",
          "flushes:                            %d (%d by the timer, %d on close)",
          "store writes (last-use rows):       %d (write-through would be %d)",
          "store writes per flush interval:    %.1f mean (at most %d tokens can be written)",
          "writes per token per interval:      %.3f mean, %d max (target <= 1)",
          "min gap between timer flushes:      %.1f ms"),
          verifications, tokens, threads, seconds, verifications / seconds,
          flushInterval.toMillis(),
          count, scheduledFlushes, count - scheduledFlushes,
          writes, verifications,
          count == 0 ? 0.0 : (double) writes / count, tokens,
          count == 0 ? 0.0 : (double) writes / ((double) count * tokens), maxWritesPerTokenPerFlush(),
          minGapBetweenScheduledFlushesMillis());
    }
  }
}
