package dev.tokenkit.servlet;

/** Failed authentications per client address in embedded Tomcat. */
class TomcatFailedAuthenticationLimitTest extends FailedAuthenticationLimitSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }
}
