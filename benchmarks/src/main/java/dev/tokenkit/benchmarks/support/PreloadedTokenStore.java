package dev.tokenkit.benchmarks.support;

import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.ForwardingTokenStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A store holding a large, fixed set of tokens for the store-size benchmarks, in front of a real store.
 *
 * <p>Why not {@code InMemoryTokenStore.insert} for all of them: its per-owner name-uniqueness check scans every
 * stored token, so inserting a million tokens one by one is quadratic (hours). The preloaded tokens are held in
 * a plain map that is only read after construction; everything else (last-use writes, audit, changes) goes to
 * the real delegate. The verification hot path under measurement never reads the store at all; reads are
 * counted so a benchmark can prove that ({@link #reads()}).
 *
 * <p>Thread-safe for reads once constructed. Example:
 *
 * <pre>{@code
 * PreloadedTokenStore store = new PreloadedTokenStore(new InMemoryTokenStore(), fixture.stored());
 * }</pre>
 */
public final class PreloadedTokenStore extends ForwardingTokenStore {
  private final Map<String, StoredToken> preloaded;
  private final LongAdder reads = new LongAdder();

  /**
   * Wraps a store and adds a fixed set of tokens.
   *
   * @param delegate the real store for everything else; never {@code null}
   * @param tokens the tokens to serve; never {@code null}, ids unique
   * @throws IllegalArgumentException when two tokens share an id
   */
  public PreloadedTokenStore(TokenStore delegate, StoredToken[] tokens) {
    super(delegate);
    Map<String, StoredToken> map = new HashMap<>(tokens.length * 2);
    for (StoredToken t : tokens) {
      if (map.put(t.id(), t) != null) {
        throw new IllegalArgumentException("duplicate token id " + t.id() + "; generate unique ids");
      }
    }
    this.preloaded = map;
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    reads.increment();
    StoredToken t = preloaded.get(id);
    return t != null ? Optional.of(t) : super.findById(id);
  }

  /** The preloaded ids and the delegate's: the service's known-id set must hold every token the store serves. */
  @Override
  public void forEachId(Consumer<String> action) {
    preloaded.keySet().forEach(action);
    super.forEachId(action);
  }

  /**
   * How many times the store was read by id since construction.
   *
   * @return the count
   */
  public long reads() {
    return reads.sum();
  }
}
