package dev.tokenkit.servlet.admin;

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
import java.util.Optional;

/** A real in-memory store that can be switched "down": every call then fails as a database outage would. */
final class OutageStore implements TokenStore {
  private final InMemoryTokenStore delegate = new InMemoryTokenStore();
  volatile boolean down;

  private void check() {
    if (down) {
      throw new StoreUnavailableException("store is down (test outage)", null);
    }
  }

  @Override
  public void insert(StoredToken token) {
    check();
    delegate.insert(token);
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    check();
    return delegate.findById(id);
  }

  @Override
  public void update(StoredToken token, long expectedVersion) {
    check();
    delegate.update(token, expectedVersion);
  }

  @Override
  public boolean delete(String id) {
    check();
    return delegate.delete(id);
  }

  @Override
  public Page<StoredToken> list(TokenQuery query, Instant now) {
    check();
    return delegate.list(query, now);
  }

  @Override
  public void recordLastUse(Collection<LastUse> uses) {
    check();
    delegate.recordLastUse(uses);
  }

  @Override
  public void appendAudit(AuditEvent event) {
    check();
    delegate.appendAudit(event);
  }

  @Override
  public Page<AuditEvent> listAudit(AuditQuery query) {
    check();
    return delegate.listAudit(query);
  }

  @Override
  public AutoCloseable subscribe(TokenChangeListener listener) {
    return delegate.subscribe(listener);
  }
}
