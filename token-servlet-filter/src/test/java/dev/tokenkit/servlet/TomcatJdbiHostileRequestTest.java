package dev.tokenkit.servlet;

import dev.tokenkit.spi.TokenStore;

/** The hostile-request table in embedded Tomcat with the JDBI store on H2. */
class TomcatJdbiHostileRequestTest extends HostileRequestSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }

  @Override
  protected TokenStore newStore() {
    return H2Stores.newStore();
  }
}
