package dev.tokenkit;

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

/** A real in-memory store that counts calls, can be switched "down", and can pause reads (for race tests). */
final class RecordingStore implements TokenStore {
  final InMemoryTokenStore delegate;
  final AtomicInteger finds = new AtomicInteger();
  final List<Integer> lastUseBatchSizes = new CopyOnWriteArrayList<>();
  final AtomicBoolean down = new AtomicBoolean();
  volatile Consumer<Optional<StoredToken>> afterRead = r -> {};

  RecordingStore() {
    this(new InMemoryTokenStore());
  }

  RecordingStore(InMemoryTokenStore delegate) {
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
}
