package dev.tokenkit.jdbi;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.ImportedKeyContract;
import dev.tokenkit.testkit.LifecycleNoticeContract;
import dev.tokenkit.testkit.TokenStoreContract;
import dev.tokenkit.testkit.UsageQuotaContract;

/** The whole store contract kit against JdbiTokenStore on embedded H2 (a new in-memory database per test). */
class JdbiH2StoreContractTest extends TokenStoreContract implements UsageQuotaContract, LifecycleNoticeContract,
    ImportedKeyContract {
  @Override
  protected TokenStore newStore() {
    return TestDatabases.h2Store();
  }
}
