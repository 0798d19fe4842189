package dev.tokenkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokenkit.benchmarks.support.TokenFixture;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * (2) The physical floor of any hashed-token check: SHA-256 of the presented token string's bytes plus one
 * Caffeine {@code getIfPresent}, nothing else (no parsing, no compare, no policy). A per-thread
 * {@link MessageDigest} is reused, as TokenKit does; the cache is built like TokenKit's (expire-after-write,
 * maximum size) and keyed by the token string itself.
 *
 * <p>JMH state, one instance per thread. Run alone with {@code java -jar benchmarks/target/benchmarks.jar
 * FloorBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FloorBenchmark {
  private String token;
  private MessageDigest sha256;
  private Cache<String, byte[]> cache;

  /**
   * Builds the digest and the one-entry cache.
   *
   * @throws NoSuchAlgorithmException never on a conforming JDK
   */
  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    token = TokenFixture.generate(1, 1).raw(0); // a real, same-length TokenKit token
    sha256 = MessageDigest.getInstance("SHA-256");
    cache = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(1_000_000).build();
    cache.put(token, sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * SHA-256 of the token plus one cache lookup.
   *
   * @param bh sink for the digest
   * @return the cached value (consumed by JMH)
   */
  @Benchmark
  public byte[] floorSha256PlusCaffeineLookup(Blackhole bh) {
    bh.consume(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
    return cache.getIfPresent(token);
  }
}
