package dev.tokenkit.testkit;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Wraps a real store (in-memory by default) for tests: counts lookups and last-use batches, can be switched
 * "down" so every call fails like an unreachable database ({@link StoreUnavailableException}), and can run a hook
 * after each read (to pause a cache fill in race tests). Thread-safe.
 *
 * <pre>{@code
 * RecordingStore store = new RecordingStore();
 * store.down.set(true);   // the database is gone
 * }</pre>
 */
public final class RecordingStore implements TokenStore {
  /** The real store underneath. */
  public final TokenStore delegate;
  /** How many {@code findById} calls reached the store. */
  public final AtomicInteger finds = new AtomicInteger();
  /** The size of each {@code recordLastUse} batch. */
  public final List<Integer> lastUseBatchSizes = new CopyOnWriteArrayList<>();
  /** While {@code true}, every call throws {@link StoreUnavailableException}. */
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
    this.delegate = delegate;
  }

  private void checkUp() {
    if (down.get()) {
      throw new StoreUnavailableException("store is down (test)", new java.io.IOException("connection refused"));
    }
  }

  @Override
  public void insert(StoredToken token) {
    checkUp();
    delegate.insert(token);
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    checkUp();
    finds.incrementAndGet();
    Optional<StoredToken> r = delegate.findById(id);
    afterRead.accept(r);
    return r;
  }

  @Override
  public void update(StoredToken token, long expectedVersion) {
    checkUp();
    delegate.update(token, expectedVersion);
  }

  @Override
  public boolean delete(String id) {
    checkUp();
    return delegate.delete(id);
  }

  @Override
  public void insert(StoredToken token, AuditEvent event) {
    checkUp();
    delegate.insert(token, event);
  }

  @Override
  public void update(StoredToken token, long expectedVersion, AuditEvent event) {
    checkUp();
    delegate.update(token, expectedVersion, event);
  }

  @Override
  public boolean delete(String id, AuditEvent event) {
    checkUp();
    return delegate.delete(id, event);
  }

  @Override
  public void forEachId(Consumer<String> action) {
    checkUp();
    delegate.forEachId(action);
  }

  @Override
  public Page<StoredToken> list(TokenQuery query, Instant now) {
    checkUp();
    return delegate.list(query, now);
  }

  @Override
  public void recordLastUse(Collection<LastUse> uses) {
    checkUp();
    lastUseBatchSizes.add(uses.size());
    delegate.recordLastUse(uses);
  }

  @Override
  public void appendAudit(AuditEvent event) {
    checkUp();
    delegate.appendAudit(event);
  }

  @Override
  public Page<AuditEvent> listAudit(AuditQuery query) {
    checkUp();
    return delegate.listAudit(query);
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
