package dev.tokenkit.benchmarks.support;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.TokenService;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;

/**
 * How every benchmark builds its {@link TokenService}, so all of them measure the same configuration: defaults
 * (SHA-256 hasher, failure throttle, 10 s last-use flush) except a one-hour cache TTL, so that no cached entry
 * expires in the middle of a measurement (the default 30 s TTL would add one cold verification per token per
 * 30 s — negligible in production, but noise in a 30 s benchmark).
 *
 * <p>Stateless and thread-safe. Example:
 *
 * <pre>{@code
 * TokenService service = BenchServices.builder(store).build();
 * BenchServices.requireVerified(service.authenticate(raw, BenchServices.CONTEXT));
 * }</pre>
 */
public final class BenchServices {
  /** The request every benchmark verifies: a client IP, API {@code orders}, READ access. */
  public static final AuthContext CONTEXT = AuthContext.of("203.0.113.7", "orders", AccessLevel.READ);

  /** The cache TTL used by all benchmarks. */
  public static final Duration CACHE_TTL = Duration.ofHours(1);

  private BenchServices() {}

  /**
   * A builder with the benchmark configuration.
   *
   * @param store the store; never {@code null}
   * @return the builder, to adjust further
   */
  public static TokenService.Builder builder(TokenStore store) {
    return TokenService.builder().store(store).cacheTtl(CACHE_TTL);
  }

  /**
   * Fails fast when a benchmark would otherwise measure a rejection instead of a verification.
   *
   * @param outcome the outcome; never {@code null}
   * @return the outcome
   * @throws IllegalStateException when it is not verified
   */
  public static AuthOutcome requireVerified(AuthOutcome outcome) {
    if (!outcome.isVerified()) {
      throw new IllegalStateException("benchmark token was rejected (" + outcome.reason()
          + "); check the fixture's role, expiry and the context");
    }
    return outcome;
  }
}
