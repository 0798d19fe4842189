package dev.tokenkit.servlet;

import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;

/** The filter's behaviour in embedded Tomcat 10.1 with the in-memory store. */
class TomcatFilterBehaviourTest extends FilterBehaviourSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }

  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
