package dev.tokenkit.servlet;

/** Rate limits through the filter in embedded Tomcat 10.1. */
class TomcatRateLimitTest extends RateLimitSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }
}
