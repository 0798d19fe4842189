package dev.tokenkit.servlet;

/** Owner addressing and look-alike refusal through the management API in embedded Tomcat. */
class TomcatOwnerAddressingTest extends OwnerAddressingSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }
}
