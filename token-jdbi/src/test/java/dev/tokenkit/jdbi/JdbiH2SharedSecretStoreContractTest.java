package dev.tokenkit.jdbi;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.SharedSecretStoreContract;

/** The shared-secret contract kit against JdbiTokenStore on embedded H2. */
class JdbiH2SharedSecretStoreContractTest extends SharedSecretStoreContract {
  @Override
  protected TokenStore newStore() {
    return TestDatabases.h2Store();
  }

  @Override
  protected void pollChanges() {
    ((JdbiTokenStore) tokenStore).pollChangesNow();
  }
}
