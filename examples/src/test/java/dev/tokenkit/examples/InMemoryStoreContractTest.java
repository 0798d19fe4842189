package dev.tokenkit.examples;

import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.TokenStoreContract;

/** A host suite runs the store contract kit from token-testkit, here against the in-memory store it tests with. */
class InMemoryStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
