package dev.tokenkit.benchmarks.support;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TokenStore} that forwards every call to another store (in the benchmarks, a real
 * {@link dev.tokenkit.memory.InMemoryTokenStore}); subclasses add instrumentation to single calls.
 *
 * <p>Thread-safe when the delegate is. Arguments follow the {@link TokenStore} contract (no {@code null}s).
 *
 * <pre>{@code
 * TokenStore store = new CountingTokenStore(new InMemoryTokenStore());
 * }</pre>
 */
public abstract class DelegatingTokenStore implements TokenStore {
  private final TokenStore delegate;

  /**
   * Wraps a store.
   *
   * @param delegate the real store; never {@code null}
   * @throws NullPointerException when {@code delegate} is {@code null}
   */
  protected DelegatingTokenStore(TokenStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
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
  public java.util.List<String> revokeAll(String owner, Instant at) {
    return delegate.revokeAll(owner, at);
  }

  @Override
  public void appendAudit(Collection<AuditEvent> events) {
    delegate.appendAudit(events);
  }

  @Override
  public Page<AuditEvent> listAudit(AuditQuery query) {
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
