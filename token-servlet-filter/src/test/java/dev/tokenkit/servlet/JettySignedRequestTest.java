package dev.tokenkit.servlet;

/** Signed requests end to end in embedded Jetty 12 (ee10). */
class JettySignedRequestTest extends SignedRequestSuite {
  @Override
  protected ServletContainer newContainer() {
    return new JettyContainer();
  }
}
