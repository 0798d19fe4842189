package dev.tokenkit.memory;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.TokenStoreContract;
import dev.tokenkit.testsupport.RecordingStore;

/**
 * The contract on a store that overrides none of the SPI's default methods ({@code revokeAll} through
 * {@code update}, {@code appendAudit} of many events one by one, the change-with-event overloads through the plain
 * calls), so the defaults meet the same contract as the optimised implementations of the in-memory and JDBI stores.
 */
class SpiDefaultsStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return new DefaultsOnly(new InMemoryTokenStore());
  }

  /** Implements only the SPI's abstract methods, forwarding them; every default method stays the SPI's. */
  static final class DefaultsOnly implements TokenStore {
    private final TokenStore d;

    DefaultsOnly(TokenStore d) {
      this.d = d;
    }

    @Override public void insert(dev.tokenkit.spi.StoredToken token) { d.insert(token); }
    @Override public java.util.Optional<dev.tokenkit.spi.StoredToken> findById(String id) { return d.findById(id); }
    @Override public void update(dev.tokenkit.spi.StoredToken token, long expectedVersion) { d.update(token, expectedVersion); }
    @Override public boolean delete(String id) { return d.delete(id); }
    @Override public dev.tokenkit.Page<dev.tokenkit.spi.StoredToken> list(dev.tokenkit.TokenQuery q, java.time.Instant now) { return d.list(q, now); }
    @Override public void recordLastUse(java.util.Collection<dev.tokenkit.spi.LastUse> uses) { d.recordLastUse(uses); }
    @Override public void appendAudit(dev.tokenkit.AuditEvent event) { d.appendAudit(event); }
    @Override public dev.tokenkit.Page<dev.tokenkit.AuditEvent> listAudit(dev.tokenkit.AuditQuery q) { return d.listAudit(q); }
    @Override public AutoCloseable subscribe(dev.tokenkit.spi.TokenChangeListener l) { return d.subscribe(l); }
    @Override public void close() { d.close(); }
  }
}
