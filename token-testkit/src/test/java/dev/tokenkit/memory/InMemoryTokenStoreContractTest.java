package dev.tokenkit.memory;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.TokenStoreContract;

class InMemoryTokenStoreContractTest extends TokenStoreContract implements dev.tokenkit.testkit.UsageQuotaContract,
    dev.tokenkit.testkit.LifecycleNoticeContract, dev.tokenkit.testkit.ImportedKeyContract {
  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
