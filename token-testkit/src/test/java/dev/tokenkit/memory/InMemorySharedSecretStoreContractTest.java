package dev.tokenkit.memory;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.SharedSecretStoreContract;

class InMemorySharedSecretStoreContractTest extends SharedSecretStoreContract {
  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
