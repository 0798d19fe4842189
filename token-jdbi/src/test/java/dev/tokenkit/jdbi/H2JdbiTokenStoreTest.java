package dev.tokenkit.jdbi;

import java.time.Duration;
import javax.sql.DataSource;

/** The store on a real embedded H2 database (a new in-memory database per test). */
class H2JdbiTokenStoreTest extends AbstractJdbiTokenStoreTest {
  private DataSource ds;

  @Override
  protected JdbiTokenStore newStore() {
    ds = TestDatabases.newH2();
    return TestDatabases.migrated(JdbiTokenStore.builder(ds).pollInterval(Duration.ofMillis(50)));
  }

  @Override
  protected JdbiTokenStore secondNode() {
    return JdbiTokenStore.builder(ds).pollInterval(Duration.ofMillis(50)).build();
  }
}
