package dev.tokenkit.servlet;

/** GitHub secret scanning reports end to end in embedded Tomcat 10.1. */
class TomcatSecretScanningTest extends SecretScanningSuite {
  @Override
  protected ServletContainer newContainer() throws Exception {
    return new TomcatContainer();
  }
}
