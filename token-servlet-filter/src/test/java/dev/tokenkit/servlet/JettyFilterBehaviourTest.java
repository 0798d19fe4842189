package dev.tokenkit.servlet;

import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;

/** The filter's behaviour in embedded Jetty 12 (ee10) with the in-memory store. */
class JettyFilterBehaviourTest extends FilterBehaviourSuite {
  @Override
  protected ServletContainer newContainer() {
    return new JettyContainer();
  }

  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
