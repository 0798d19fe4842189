package dev.tokenkit.servlet;

import dev.tokenkit.jdbi.JdbiTokenStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh, migrated {@link JdbiTokenStore}s on new in-memory H2 databases. One service uses each store, so the
 * change feed (which tells other nodes) has nothing to deliver that the service did not already apply
 * synchronously; its polling is slowed to once an hour so a late poll cannot drop a token the test just cached
 * (that made the store-outage test flaky under load).
 */
final class H2Stores {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private H2Stores() {}

  static JdbiTokenStore newStore() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:filter" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    JdbiTokenStore store = JdbiTokenStore.builder(ds).pollInterval(Duration.ofHours(1)).build();
    store.migrate();
    return store;
  }
}
