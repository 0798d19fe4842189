package dev.tokenkit.servlet;

import dev.tokenkit.spi.TokenStore;

/** The filter's behaviour in embedded Jetty with the JDBI store on H2. */
class JettyJdbiFilterBehaviourTest extends FilterBehaviourSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new JettyContainer();
  }

  @Override
  protected TokenStore newStore() {
    return H2Stores.newStore();
  }
}
