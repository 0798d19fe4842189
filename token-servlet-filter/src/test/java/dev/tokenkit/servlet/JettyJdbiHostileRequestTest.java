package dev.tokenkit.servlet;

import dev.tokenkit.spi.TokenStore;

/** The hostile-request table in embedded Jetty with the JDBI store on H2. */
class JettyJdbiHostileRequestTest extends HostileRequestSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new JettyContainer();
  }

  @Override
  protected TokenStore newStore() {
    return H2Stores.newStore();
  }
}
