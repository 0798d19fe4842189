package dev.tokenkit.servlet;

/** Failed authentications per client address in embedded Jetty. */
class JettyFailedAuthenticationLimitTest extends FailedAuthenticationLimitSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new JettyContainer();
  }
}
