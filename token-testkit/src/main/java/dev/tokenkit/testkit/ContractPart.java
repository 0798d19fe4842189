package dev.tokenkit.testkit;

import dev.tokenkit.spi.TokenStore;

/** What every part of {@link TokenStoreContract} works on: the fresh store of the current test. */
interface ContractPart {

  /**
   * The store under test, fresh for each test.
   *
   * @return the store
   */
  TokenStore store();
}
