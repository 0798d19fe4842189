package dev.tokenkit.jdbi;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store on a real PostgreSQL server (a new table prefix per test). */
@ExtendWith(EmbeddedPostgres.class)
class PostgresJdbiTokenStoreTest extends AbstractJdbiTokenStoreTest {
  private static EmbeddedPostgres.Server pg;
  private String prefix;

  @BeforeAll
  static void server(EmbeddedPostgres.Server server) {
    pg = server;
  }

  @Override
  protected JdbiTokenStore newStore() {
    prefix = TestDatabases.newPrefix();
    return TestDatabases.migrated(JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix)
        .pollInterval(Duration.ofMillis(50)));
  }

  @Override
  protected JdbiTokenStore secondNode() {
    return JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix).pollInterval(Duration.ofMillis(50)).build();
  }
}
