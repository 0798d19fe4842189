package dev.tokenkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.RandomCursor;
import dev.tokenkit.benchmarks.support.TokenFixture;
import dev.tokenkit.benchmarks.support.WarmService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * (6) Cached verification of a random token among 1k, 100k or 1M tokens, all in the store and all in the
 * verification cache; and, for the same sizes, the floor (SHA-256 + one Caffeine lookup among that many
 * entries), to separate TokenKit's cost from the memory hierarchy's (a 1M-entry cache does not fit in CPU
 * caches, whatever the code).
 *
 * <p>Set-up: {@link TokenFixture} makes the tokens and their SHA-256 {@code StoredToken}s directly (issuing a
 * million tokens through {@code issue()} would take far too long), a {@code PreloadedTokenStore} serves them, and
 * every token is verified once before measuring. Misses during measurement are printed at tear-down (expected 0).
 * The forked JVM gets a 3 GiB heap for the million-token set.
 *
 * <p>Run alone with {@code java -jar benchmarks/target/benchmarks.jar StoreSizeBenchmark} (add
 * {@code -p size=1000} to skip the large sets).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class StoreSizeBenchmark {

  /** The warmed TokenKit service for one size. */
  @State(Scope.Benchmark)
  public static class Tokens {
    /** How many tokens are stored and cached. */
    @Param({"1000", "100000", "1000000"})
    public int size;

    WarmService warm;

    /** Generates the tokens and warms the cache with all of them. */
    @Setup
    public void setUp() {
      warm = new WarmService(TokenFixture.generate(size, 42));
    }

    /** Reports cache misses during measurement and stops the service. */
    @TearDown
    public void tearDown() {
      System.out.println("store reads (cache misses) after warm-up: " + warm.readsSinceWarmUp());
      warm.close();
    }
  }

  /** The floor's cache and tokens for one size. */
  @State(Scope.Benchmark)
  public static class FloorTokens {
    /** How many entries are cached. */
    @Param({"1000", "100000", "1000000"})
    public int size;

    TokenFixture fixture;
    Cache<String, byte[]> cache;

    /**
     * Fills a TokenKit-like Caffeine cache with every token.
     *
     * @throws NoSuchAlgorithmException never on a conforming JDK
     */
    @Setup
    public void setUp() throws NoSuchAlgorithmException {
      fixture = TokenFixture.generate(size, 42);
      cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
          .maximumSize(Math.max(1_000_000L, size + size / 10L)).build();
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < size; i++) {
        String t = fixture.raw(i);
        cache.put(t, md.digest(t.getBytes(StandardCharsets.US_ASCII)));
      }
    }
  }

  /** Per-thread choice of the next token and a reusable digest. */
  @State(Scope.Thread)
  public static class Cursor {
    RandomCursor random;
    MessageDigest sha256;

    /**
     * Seeds the sequence.
     *
     * @throws NoSuchAlgorithmException never on a conforming JDK
     */
    @Setup
    public void setUp() throws NoSuchAlgorithmException {
      random = new RandomCursor(System.nanoTime());
      sha256 = MessageDigest.getInstance("SHA-256");
    }
  }

  /**
   * One cached verification of a random token of the set.
   *
   * @param tokens the warmed service
   * @param cursor this thread's sequence
   * @return the outcome (consumed by JMH)
   */
  @Benchmark
  public AuthOutcome tokenKitCachedVerify(Tokens tokens, Cursor cursor) {
    TokenFixture f = tokens.warm.fixture();
    return tokens.warm.service().authenticate(f.raw(cursor.random.next(f.size())), BenchServices.CONTEXT);
  }

  /**
   * The floor for a random token of the set.
   *
   * @param floor the filled cache
   * @param cursor this thread's sequence
   * @param bh sink for the digest
   * @return the cached value (consumed by JMH)
   */
  @Benchmark
  public byte[] floorSha256PlusCaffeineLookup(FloorTokens floor, Cursor cursor, Blackhole bh) {
    String t = floor.fixture.raw(cursor.random.next(floor.fixture.size()));
    bh.consume(cursor.sha256.digest(t.getBytes(StandardCharsets.US_ASCII)));
    return floor.cache.getIfPresent(t);
  }
}
