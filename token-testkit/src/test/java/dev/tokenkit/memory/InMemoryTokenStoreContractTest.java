package dev.tokenkit.memory;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.TokenStoreContract;

class InMemoryTokenStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
