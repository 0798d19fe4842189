package dev.tokenkit.testkit;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.spi.ApiUse;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link TokenStore} that forwards every call, {@link #subscribe(TokenChangeListener)} and {@link #close()}
 * included, to another store; subclasses override only the calls they want to observe or change (the decorator
 * pattern of Guava's {@code ForwardingObject}). Typical uses in tests: count lookups, pause a read to stage a
 * race, simulate an outage, hide the change feed, or add latency.
 *
 * <p>Every method calls {@link #delegate()} afresh, so a subclass may also override {@code delegate()} to act on
 * every call at once (e.g. throw {@link dev.tokenkit.StoreUnavailableException} while "the database is down").
 * Thread-safe when the delegate is and the subclass's additions are. Every {@code TokenStore} method, default
 * methods included, is forwarded; a method the SPI gains later is added here in the same release.
 *
 * <pre>{@code
 * AtomicInteger reads = new AtomicInteger();
 * TokenStore counting = new ForwardingTokenStore(new InMemoryTokenStore()) {
 *   @Override public Optional<StoredToken> findById(String id) {
 *     reads.incrementAndGet();
 *     return super.findById(id);
 *   }
 * };
 * TokenService tokens = TokenService.builder().store(counting).build();
 * }</pre>
 */
public abstract class ForwardingTokenStore implements TokenStore {
  private final TokenStore delegate;

  /**
   * Wraps a store.
   *
   * @param delegate the store every call goes to; never {@code null}
   * @throws NullPointerException when {@code delegate} is {@code null}
   */
  protected ForwardingTokenStore(TokenStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The store calls go to; called once per forwarded call. Override to intercept every call.
   *
   * @return the wrapped store; never {@code null}
   */
  protected TokenStore delegate() {
    return delegate;
  }

  @Override
  public void insert(StoredToken token) {
    delegate().insert(token);
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    return delegate().findById(id);
  }

  @Override
  public void update(StoredToken token, long expectedVersion) {
    delegate().update(token, expectedVersion);
  }

  @Override
  public boolean delete(String id) {
    return delegate().delete(id);
  }

  @Override
  public void insert(StoredToken token, AuditEvent event) {
    delegate().insert(token, event);
  }

  @Override
  public void update(StoredToken token, long expectedVersion, AuditEvent event) {
    delegate().update(token, expectedVersion, event);
  }

  @Override
  public boolean delete(String id, AuditEvent event) {
    return delegate().delete(id, event);
  }

  @Override
  public List<String> revokeAll(String owner, Instant at, Function<String, AuditEvent> eventFor) {
    return delegate().revokeAll(owner, at, eventFor);
  }

  @Override
  public void appendAudit(Collection<AuditEvent> events) {
    delegate().appendAudit(events);
  }

  @Override
  public void forEachId(Consumer<String> action) {
    delegate().forEachId(action);
  }

  @Override
  public Page<StoredToken> list(TokenQuery query, Instant now) {
    return delegate().list(query, now);
  }

  @Override
  public boolean consumeUse(String id, Instant now) {
    return delegate().consumeUse(id, now);
  }

  @Override
  public void setQuota(StoredToken token, long expectedVersion, AuditEvent event) {
    delegate().setQuota(token, expectedVersion, event);
  }

  @Override
  public boolean claimNotice(String tokenId, String notice, Instant expiresAt, AuditEvent event) {
    return delegate().claimNotice(tokenId, notice, expiresAt, event);
  }

  @Override
  public void insertImported(StoredToken token, String lookup, AuditEvent event) {
    delegate().insertImported(token, lookup, event);
  }

  @Override
  public Optional<String> findImported(String lookup) {
    return delegate().findImported(lookup);
  }

  @Override
  public java.util.Map<String, String> importedLookups() {
    return delegate().importedLookups();
  }

  @Override
  public void recordLastUse(Collection<LastUse> uses) {
    delegate().recordLastUse(uses);
  }

  @Override
  public boolean recordsApiUse() {
    return delegate().recordsApiUse();
  }

  @Override
  public void recordApiUse(Collection<ApiUse> uses) {
    delegate().recordApiUse(uses);
  }

  @Override
  public List<ApiUse> apiUses(Collection<String> tokenIds) {
    return delegate().apiUses(tokenIds);
  }

  @Override
  public void appendAudit(AuditEvent event) {
    delegate().appendAudit(event);
  }

  @Override
  public Page<AuditEvent> listAudit(AuditQuery query) {
    return delegate().listAudit(query);
  }

  @Override
  public AutoCloseable subscribe(TokenChangeListener listener) {
    return delegate().subscribe(listener);
  }

  @Override
  public Optional<SharedSecretStore> sharedSecrets() {
    return delegate().sharedSecrets();
  }

  @Override
  public void close() {
    delegate().close();
  }

  @Override
  public String toString() {
    return "ForwardingTokenStore[" + delegate + "]";
  }
}
