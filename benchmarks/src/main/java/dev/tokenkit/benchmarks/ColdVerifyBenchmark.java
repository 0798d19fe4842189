package dev.tokenkit.benchmarks;

import dev.tokenkit.Actor;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.SecretHashers;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.ChangeFeedTokenStore;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.SecretHasher;
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

/**
 * (3, 4) Cold verification: every operation misses the verification cache, so it pays the store read by id,
 * the stored hasher's check ({@code sha256} = the default hasher, or {@code argon2id} with OWASP's minimum
 * m=19456 KiB, t=2, p=1), the cache fill and the policy checks.
 *
 * <p>How each operation misses: the store is an {@link InMemoryTokenStore} behind a {@link ChangeFeedTokenStore},
 * and each operation first announces a change of the token on the store's change feed, exactly as a JDBI store
 * does when another node updates the token. The service drops the entry from its cache, and
 * {@code authenticate} must go to the store. The measured time therefore includes one cache invalidation;
 * {@link CacheInvalidationBenchmark} measures that alone so it can be subtracted (it is tens of nanoseconds).
 *
 * <p>JMH state, one instance per trial. Run alone with {@code java -jar benchmarks/target/benchmarks.jar
 * ColdVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ColdVerifyBenchmark {
  /** The hasher the token's secret is stored with. */
  @Param({"sha256", "argon2id"})
  public String hasher;

  private ChangeFeedTokenStore store;
  private TokenService service;
  private String token;
  private String tokenId;

  /** Issues one READONLY token hashed with the chosen hasher. */
  @Setup
  public void setUp() {
    SecretHasher h = switch (hasher) {
      case "sha256" -> SecretHashers.sha256();
      case "argon2id" -> SecretHashers.argon2id();
      default -> throw new IllegalArgumentException("unknown hasher " + hasher + "; use sha256 or argon2id");
    };
    store = new ChangeFeedTokenStore(new InMemoryTokenStore());
    service = BenchServices.builder(store).hasher(h).build();
    var issued = service.issue(Actor.of("bench"), IssueRequest.builder("bench", "alice").role("READONLY").build());
    token = issued.secret().reveal();
    tokenId = issued.token().id();
    BenchServices.requireVerified(coldVerify());
  }

  /** Stops the service's flush thread. */
  @TearDown
  public void tearDown() {
    service.close();
  }

  /**
   * One verification that misses the cache.
   *
   * @return the outcome (consumed by JMH)
   */
  @Benchmark
  public AuthOutcome coldVerify() {
    store.announceChange(tokenId);
    return service.authenticate(token, BenchServices.CONTEXT);
  }
}
