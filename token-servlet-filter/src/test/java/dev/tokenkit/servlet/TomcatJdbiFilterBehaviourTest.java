package dev.tokenkit.servlet;

import dev.tokenkit.spi.TokenStore;

/** The filter's behaviour in embedded Tomcat with the JDBI store on H2. */
class TomcatJdbiFilterBehaviourTest extends FilterBehaviourSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }

  @Override
  protected TokenStore newStore() {
    return H2Stores.newStore();
  }
}
