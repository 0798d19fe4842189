package dev.tokenkit.servlet;

/** Owner addressing and look-alike refusal through the management API in embedded Jetty. */
class JettyOwnerAddressingTest extends OwnerAddressingSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new JettyContainer();
  }
}
