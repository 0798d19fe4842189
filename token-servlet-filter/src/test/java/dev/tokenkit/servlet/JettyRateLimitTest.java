package dev.tokenkit.servlet;

/** Rate limits through the filter in embedded Jetty 12 (ee10). */
class JettyRateLimitTest extends RateLimitSuite {
  @Override
  protected ServletContainer newContainer() {
    return new JettyContainer();
  }
}
