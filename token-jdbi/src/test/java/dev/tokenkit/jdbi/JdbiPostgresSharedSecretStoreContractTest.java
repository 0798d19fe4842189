package dev.tokenkit.jdbi;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.SharedSecretStoreContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared-secret contract kit against JdbiTokenStore on a real PostgreSQL server. */
@ExtendWith(EmbeddedPostgres.class)
class JdbiPostgresSharedSecretStoreContractTest extends SharedSecretStoreContract {
  private static EmbeddedPostgres.Server pg;

  @BeforeAll
  static void server(EmbeddedPostgres.Server server) {
    pg = server;
  }

  @Override
  protected TokenStore newStore() {
    return TestDatabases.pgStore(pg);
  }

  @Override
  protected void pollChanges() {
    ((JdbiTokenStore) tokenStore).pollChangesNow();
  }
}
