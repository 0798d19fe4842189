package dev.tokenkit.servlet;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Wraps a real store; while {@link #down} is set, lookups fail as if the database were unreachable. */
final class OutageStore implements TokenStore {
  private final TokenStore delegate;
  volatile boolean down;

  OutageStore(TokenStore delegate) {
    this.delegate = delegate;
  }

  private void check() {
    if (down) {
      throw new StoreUnavailableException("simulated outage", new java.io.IOException("connection refused"));
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

  @Override
  public void close() {
    delegate.close();
  }
}
