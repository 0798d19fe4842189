package dev.tokenkit.jdbi;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh, empty, migrated stores on H2 (a new in-memory database) or PostgreSQL (a new table prefix). */
final class TestDatabases {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private TestDatabases() {}

  /** A new in-memory H2 database that lives until the JVM ends. */
  static DataSource newH2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:tokenkit" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    return ds;
  }

  /** A table prefix not used before in this JVM (and unlikely in an external database). */
  static String newPrefix() {
    return "t" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_" + COUNTER.incrementAndGet() + "_";
  }

  static JdbiTokenStore migrated(JdbiTokenStore.Builder builder) {
    JdbiTokenStore store = builder.build();
    store.migrate();
    return store;
  }

  static JdbiTokenStore h2Store() {
    return migrated(JdbiTokenStore.builder(newH2()).pollInterval(Duration.ofMillis(100)));
  }

  static JdbiTokenStore pgStore(EmbeddedPostgres.Server pg) {
    return migrated(JdbiTokenStore.builder(pg.dataSource()).tablePrefix(newPrefix())
        .pollInterval(Duration.ofMillis(100)));
  }
}
