package dev.tokenkit.testkit;

import dev.tokenkit.spi.TokenStore;

/**
 * The contract on a store that overrides none of the SPI's default methods ({@code revokeAll} through
 * {@code update}, {@code appendAudit} of many events one by one), so the defaults meet the same contract as the
 * optimised implementations of the in-memory and JDBI stores.
 */
class SpiDefaultsStoreContractTest extends TokenStoreContract {
  @Override
  protected TokenStore newStore() {
    return new RecordingStore(); // forwards the abstract methods only, to an InMemoryTokenStore
  }
}
