package dev.tokenkit.servlet;

import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;

/** The hostile-request table against embedded Jetty with the in-memory store. */
class JettyHostileRequestTest extends HostileRequestSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new JettyContainer();
  }

  @Override
  protected TokenStore newStore() {
    return new InMemoryTokenStore();
  }
}
