package dev.tokenkit.testsupport;

import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.ForwardingTokenStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Wraps a real store (in-memory by default) for TokenKit's own tests: counts lookups and last-use batches, can be
 * switched "down" so every call fails like an unreachable database ({@link StoreUnavailableException}), and can
 * run a hook after each read (to pause a cache fill in race tests). Thread-safe.
 *
 * <pre>{@code
 * RecordingStore store = new RecordingStore();
 * store.down.set(true);   // the database is gone
 * }</pre>
 */
public final class RecordingStore extends ForwardingTokenStore {
  /** The real store underneath. */
  public final TokenStore delegate;
  /** How many {@code findById} calls reached the store. */
  public final AtomicInteger finds = new AtomicInteger();
  /** The size of each {@code recordLastUse} batch. */
  public final List<Integer> lastUseBatchSizes = new CopyOnWriteArrayList<>();
  /** While {@code true}, every call but subscribe and close throws {@link StoreUnavailableException}. */
  public final AtomicBoolean down = new AtomicBoolean();
  /** Runs after every successful {@code findById}, on the reading thread. */
  public volatile Consumer<Optional<StoredToken>> afterRead = r -> {};

  /** Over a new {@link InMemoryTokenStore}. */
  public RecordingStore() {
    this(new InMemoryTokenStore());
  }

  /**
   * Over a given store.
   *
   * @param delegate the real store
   */
  public RecordingStore(TokenStore delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  @Override
  protected TokenStore delegate() {
    if (down.get()) {
      throw new StoreUnavailableException("store is down (test)", new java.io.IOException("connection refused"));
    }
    return delegate;
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    TokenStore store = delegate();
    finds.incrementAndGet();
    Optional<StoredToken> r = store.findById(id);
    afterRead.accept(r);
    return r;
  }

  @Override
  public void recordLastUse(Collection<LastUse> uses) {
    TokenStore store = delegate();
    lastUseBatchSizes.add(uses.size());
    store.recordLastUse(uses);
  }

  @Override
  public AutoCloseable subscribe(TokenChangeListener listener) {
    return delegate.subscribe(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
