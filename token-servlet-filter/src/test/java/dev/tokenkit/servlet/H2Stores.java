package dev.tokenkit.servlet;

import dev.tokenkit.jdbi.JdbiTokenStore;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh, migrated {@link JdbiTokenStore}s on new in-memory H2 databases. */
final class H2Stores {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private H2Stores() {}

  static JdbiTokenStore newStore() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:filter" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    JdbiTokenStore store = JdbiTokenStore.builder(ds).build();
    store.migrate();
    return store;
  }
}
