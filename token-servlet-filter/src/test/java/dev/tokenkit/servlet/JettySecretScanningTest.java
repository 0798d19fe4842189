package dev.tokenkit.servlet;

/** GitHub secret scanning reports end to end in embedded Jetty 12 (ee10). */
class JettySecretScanningTest extends SecretScanningSuite {
  @Override
  protected ServletContainer newContainer() {
    return new JettyContainer();
  }
}
