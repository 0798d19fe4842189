package dev.tokenkit.benchmarks;

import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.PreloadedTokenStore;
import dev.tokenkit.benchmarks.support.TokenFixture;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * (Issue 14, scale) Two measurements for large token counts, plain {@code main}, not JMH:
 *
 * <ol>
 *   <li><b>Heap per cached token</b>: stores {@code n} tokens ({@link TokenFixture}, served by a
 *       {@link PreloadedTokenStore}), measures the used heap after full GCs, verifies every token once (so each
 *       is in the verification cache with its entry, key, digest, outcome and last-use slot) and measures again.
 *       (used after − used before) / n is what caching one token costs on the heap. Last uses are flushed before
 *       the second reading, so pending last-use bookkeeping is not counted as cache.</li>
 *   <li><b>Issuing is linear</b>: issues {@code n} tokens through {@link TokenService#issue} into an empty
 *       {@link InMemoryTokenStore} (SHA-256 hasher) and prints the time of each tenth: with O(1) name-uniqueness
 *       checks every tenth takes about as long as the first (a quadratic store would make the last tenth about
 *       19× slower than the first).</li>
 * </ol>
 *
 * <p>Run: {@code java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.ScaleHarness
 * [n=1000000] [heap|issue|both]}. Memory figures do not depend on machine load; times do (compare the tenths
 * with each other, not with another machine).
 */
public final class ScaleHarness {
  private ScaleHarness() {}

  /**
   * Runs the measurements.
   *
   * @param args {@code [n] [heap|issue|both]}
   * @throws InterruptedException when interrupted while waiting for the GC
   */
  public static void main(String[] args) throws InterruptedException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String what = args.length > 1 ? args[1] : "both";
    if (!what.equals("issue")) {
      heapPerCachedToken(n);
    }
    if (!what.equals("heap")) {
      issueIsLinear(n);
    }
  }

  static void heapPerCachedToken(int n) throws InterruptedException {
    TokenFixture fixture = TokenFixture.generate(n, 7);
    PreloadedTokenStore store = new PreloadedTokenStore(new InMemoryTokenStore(), fixture.stored());
    try (TokenService service = BenchServices.builder(store).cacheMaximumSize(Math.max(1_000_000L, n * 2L))
        .build()) {
      long before = usedHeapAfterGc();
      for (int i = 0; i < n; i++) {
        BenchServices.requireVerified(service.authenticate(fixture.raw(i), BenchServices.CONTEXT));
      }
      service.flushLastUse();
      long after = usedHeapAfterGc();
      System.out.printf(Locale.ROOT, "heap per cached token:  %.1f bytes (%d tokens: used heap %d -> %d bytes)%n",
          (after - before) / (double) n, n, before, after);
      // the token strings and stored tokens are counted in both readings, not freed in between
      java.lang.ref.Reference.reachabilityFence(fixture);
      java.lang.ref.Reference.reachabilityFence(store);
    }
  }

  static void issueIsLinear(int n) {
    int tenth = Math.max(1, n / 10);
    try (TokenService service = BenchServices.builder(new InMemoryTokenStore()).build()) {
      Actor actor = Actor.of("bench");
      double first = 0;
      long total = 0;
      for (int part = 0; part < 10; part++) {
        long start = System.nanoTime();
        for (int i = 0; i < tenth; i++) {
          int k = part * tenth + i;
          service.issue(actor, IssueRequest.builder("t" + k, "owner" + (k % 1000)).role("READONLY").build());
        }
        long took = System.nanoTime() - start;
        total += took;
        double perToken = took / 1000.0 / tenth;
        if (part == 0) {
          first = perToken;
        }
        System.out.printf(Locale.ROOT, "issue tokens %,9d-%,9d: %7.2f us/token (%.2fx the first tenth)%n",
            part * tenth + 1, (part + 1) * tenth, perToken, perToken / first);
      }
      System.out.printf(Locale.ROOT, "issued %,d tokens into InMemoryTokenStore in %.1f s%n", 10L * tenth,
          total / 1e9);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
