package dev.tokenkit.servlet;

/** Signed requests end to end in embedded Tomcat 10.1. */
class TomcatSignedRequestTest extends SignedRequestSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }
}
