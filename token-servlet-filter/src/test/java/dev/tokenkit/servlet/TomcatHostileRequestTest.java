package dev.tokenkit.servlet;

import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;

/** The hostile-request table against embedded Tomcat with the in-memory store. */
class TomcatHostileRequestTest extends HostileRequestSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }

  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
