package dev.tokenkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.RandomCursor;
import dev.tokenkit.benchmarks.support.TokenFixture;
import dev.tokenkit.benchmarks.support.WarmService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * A cross-check of the JMH ratios that is robust on a shared, loaded machine: the same operations as the JMH
 * benchmarks, timed by this thread's CPU time (time spent descheduled by other processes does not count),
 * best of several rounds. Prints ns/op for the floor and TokenKit (one hot token, and random tokens among each
 * size) and the JWT peers, and the target ratios. It is not a substitute for JMH (no forks, no blackholes; results
 * go to a volatile sink), only a second opinion when wall-clock scores are noisy.
 *
 * <p>Run with {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.CpuTimeCrossCheck
 * [sizes...]}, default sizes 1000 100000 1000000. Single-threaded; not for use as a library.
 */
public final class CpuTimeCrossCheck {
  private static final int ROUNDS = 8;
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private CpuTimeCrossCheck() {}

  /**
   * Runs the cross-check and prints the results.
   *
   * @param args token-set sizes; defaults to 1000 100000 1000000
   * @throws Exception when a peer fixture cannot be built (never with the built-in keys)
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--two-threads")) {
      twoThreads();
      return;
    }
    int[] sizes = args.length == 0 ? new int[] {1000, 100_000, 1_000_000}
        : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    JwtPeerBenchmark peers = new JwtPeerBenchmark();
    peers.setUp();
    double nimbus = best(100_000, ops -> {
      for (int i = 0; i < ops; i++) {
        sink = call(peers::nimbusHs256ParseVerify);
      }
    });
    double jjwt = best(100_000, ops -> {
      for (int i = 0; i < ops; i++) {
        sink = call(peers::jjwtHs256ParseVerify);
      }
    });
    print("nimbusHs256ParseVerify", 0, nimbus);
    print("jjwtHs256ParseVerify", 0, jjwt);

    double[] one = measure(1);
    print("floor (one token)", 1, one[0]);
    print("tokenKitCachedVerify (one token)", 1, one[1]);
    System.out.printf(Locale.ROOT, "ratio cached/floor (one token): %.2f (target <= 2)%n", one[1] / one[0]);
    System.out.printf(Locale.ROOT, "speed-up over nimbus: %.0fx, over jjwt: %.0fx (target >= 20x nimbus)%n",
        nimbus / one[1], jjwt / one[1]);
    double first = -1;
    for (int size : sizes) {
      double[] r = measure(size);
      print("floor (random)", size, r[0]);
      print("tokenKitCachedVerify (random)", size, r[1]);
      System.out.printf(Locale.ROOT, "ratio cached/floor at %d: %.2f%n", size, r[1] / r[0]);
      if (first < 0) {
        first = r[1];
      } else {
        System.out.printf(Locale.ROOT, "cached verify at %d vs %d: %+.0f%% (target within 20%%)%n", size, sizes[0],
            (r[1] / first - 1) * 100);
      }
    }
    twoThreads();
  }

  /**
   * Cached verification of random tokens among 1,000 from one thread, then from two threads sharing the service:
   * CPU time per operation per thread. Equal figures mean no contention in the hot path (wall-clock scaling also
   * needs two idle cores, which a shared machine does not have).
   */
  private static void twoThreads() throws InterruptedException {
    try (WarmService warm = new WarmService(TokenFixture.generate(1000, 7))) {
      for (int threads = 1; threads <= 2; threads++) {
        double[] best = new double[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
          int index = t;
          workers[t] = new Thread(() -> {
            RandomCursor cursor = new RandomCursor(index + 11);
            TokenService service = warm.service();
            TokenFixture fixture = warm.fixture();
            best[index] = best(2_000_000, ops -> {
              for (int i = 0; i < ops; i++) {
                sink = service.authenticate(fixture.raw(cursor.next(1000)), BenchServices.CONTEXT);
              }
            });
          });
          workers[t].start();
        }
        for (Thread w : workers) {
          w.join();
        }
        System.out.printf(Locale.ROOT, "cached verify, %d thread(s), 1000 tokens: %s cpu-ns/op per thread%n", threads,
            java.util.Arrays.toString(java.util.Arrays.stream(best).map(b -> Math.round(b * 10) / 10.0).toArray()));
      }
    }
  }

  private static Object call(ThrowingSupplier s) {
    try {
      return s.get();
    } catch (ParseException | JOSEException e) {
      throw new IllegalStateException("peer fixture failed to verify", e);
    }
  }

  /** floor, tokenkit ns/op for random tokens among {@code size}. */
  private static double[] measure(int size) throws NoSuchAlgorithmException {
    TokenFixture fixture = TokenFixture.generate(size, 42);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Cache<String, byte[]> cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
        .maximumSize(Math.max(1_000_000L, size + size / 10L)).build();
    for (int i = 0; i < size; i++) {
      cache.put(fixture.raw(i), md.digest(fixture.raw(i).getBytes(StandardCharsets.US_ASCII)));
    }
    RandomCursor c1 = new RandomCursor(1);
    double floor = best(2_000_000, ops -> {
      for (int i = 0; i < ops; i++) {
        String t = fixture.raw(c1.next(size));
        sink = md.digest(t.getBytes(StandardCharsets.US_ASCII));
        sink = cache.getIfPresent(t);
      }
    });
    cache.invalidateAll();
    try (WarmService warm = new WarmService(fixture)) {
      RandomCursor c2 = new RandomCursor(2);
      TokenService service = warm.service();
      double tk = best(2_000_000, ops -> {
        for (int i = 0; i < ops; i++) {
          sink = service.authenticate(fixture.raw(c2.next(size)), BenchServices.CONTEXT);
        }
      });
      if (warm.readsSinceWarmUp() > 0) {
        System.out.println("warning: " + warm.readsSinceWarmUp() + " cache misses at size " + size);
      }
      return new double[] {floor, tk};
    }
  }

  /** Best CPU ns/op over the rounds; each round runs the whole loop (no per-operation indirection). */
  private static double best(int ops, IntConsumer loop) {
    double best = Double.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      long start = MX.getCurrentThreadCpuTime();
      loop.accept(ops);
      best = Math.min(best, (MX.getCurrentThreadCpuTime() - start) / (double) ops);
    }
    return best;
  }

  private static void print(String what, int size, double nsPerOp) {
    System.out.printf(Locale.ROOT, "%-36s size=%-8d %10.1f cpu-ns/op%n", what, size, nsPerOp);
  }

  @FunctionalInterface
  private interface ThrowingSupplier {
    Object get() throws ParseException, JOSEException;
  }
}
