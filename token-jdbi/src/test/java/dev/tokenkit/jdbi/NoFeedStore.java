package dev.tokenkit.jdbi;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Delegates everything except the change feed (the SPI default: no feed). For control experiments. */
class NoFeedStore implements TokenStore {
  protected final TokenStore delegate;

  NoFeedStore(TokenStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void insert(StoredToken token) {
    delegate.insert(token);
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    return delegate.findById(id);
  }

  @Override
  public void update(StoredToken token, long expectedVersion) {
    delegate.update(token, expectedVersion);
  }

  @Override
  public boolean delete(String id) {
    return delegate.delete(id);
  }

  @Override
  public Page<StoredToken> list(TokenQuery query, Instant now) {
    return delegate.list(query, now);
  }

  @Override
  public void recordLastUse(Collection<LastUse> uses) {
    delegate.recordLastUse(uses);
  }

  @Override
  public void appendAudit(AuditEvent event) {
    delegate.appendAudit(event);
  }

  @Override
  public Page<AuditEvent> listAudit(AuditQuery query) {
    return delegate.listAudit(query);
  }
}
