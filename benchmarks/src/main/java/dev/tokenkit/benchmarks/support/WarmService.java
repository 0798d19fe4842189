package dev.tokenkit.benchmarks.support;

import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.util.Objects;

/**
 * A {@link TokenService} over a {@link PreloadedTokenStore} holding a {@link TokenFixture}'s tokens, with every
 * token verified once so the verification cache holds them all (cache maximum size at least the set size).
 *
 * <p>Thread-safe after construction. Close it to stop the service's flush thread. Example:
 *
 * <pre>{@code
 * try (WarmService warm = new WarmService(TokenFixture.generate(1000, 42))) {
 *   warm.service().authenticate(warm.fixture().raw(7), BenchServices.CONTEXT);
 * }
 * }</pre>
 */
public final class WarmService implements AutoCloseable {
  private final TokenFixture fixture;
  private final PreloadedTokenStore store;
  private final TokenService service;
  private final long readsAfterWarmUp;

  /**
   * Builds the store and service and verifies every token once.
   *
   * @param fixture the tokens; never {@code null}
   * @throws IllegalStateException when a fixture token does not verify
   */
  public WarmService(TokenFixture fixture) {
    this.fixture = Objects.requireNonNull(fixture, "fixture");
    this.store = new PreloadedTokenStore(new InMemoryTokenStore(), fixture.stored());
    long cacheSize = Math.max(1_000_000L, fixture.size() + fixture.size() / 10L);
    this.service = BenchServices.builder(store).cacheMaximumSize(cacheSize).build();
    for (int i = 0; i < fixture.size(); i++) {
      BenchServices.requireVerified(service.authenticate(fixture.raw(i), BenchServices.CONTEXT));
    }
    this.readsAfterWarmUp = store.reads();
  }

  /**
   * The tokens.
   *
   * @return the fixture
   */
  public TokenFixture fixture() {
    return fixture;
  }

  /**
   * The warmed service.
   *
   * @return the service
   */
  public TokenService service() {
    return service;
  }

  /**
   * Store reads by id since the warm-up ended: cache misses during measurement (expected 0).
   *
   * @return the count
   */
  public long readsSinceWarmUp() {
    return store.reads() - readsAfterWarmUp;
  }

  @Override
  public void close() {
    service.close();
  }
}
