package dev.tokenkit.jdbi;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.ImportedKeyContract;
import dev.tokenkit.testkit.LifecycleNoticeContract;
import dev.tokenkit.testkit.TokenStoreContract;
import dev.tokenkit.testkit.UsageQuotaContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole store contract kit against JdbiTokenStore on a real PostgreSQL server (a new table prefix per test). */
@ExtendWith(EmbeddedPostgres.class)
class JdbiPostgresStoreContractTest extends TokenStoreContract implements UsageQuotaContract, LifecycleNoticeContract,
    ImportedKeyContract {
  private static EmbeddedPostgres.Server pg;

  @BeforeAll
  static void server(EmbeddedPostgres.Server server) {
    pg = server;
  }

  @Override
  protected TokenStore newStore() {
    return TestDatabases.pgStore(pg);
  }
}
