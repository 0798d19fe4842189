package dev.tokenkit.servlet.admin;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium against a real Jetty {@link AdminTestServer}, one of each per test class, and the console
 * opened and signed in with the bootstrap admin token before each test. Test classes run one after another.
 */
abstract class ConsoleBrowserBase {
  static AdminTestServer server;
  static ChromeDriver driver;
  static WebDriverWait wait;

  @BeforeAll
  static void startBrowserAndServer() throws Exception {
    driver = Chromium.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    server = AdminTestServer.start();
  }

  @AfterAll
  static void stopBrowserAndServer() throws Exception {
    Chromium.stop(driver, server);
  }

  @BeforeEach
  void openConsoleSignedIn() {
    Chromium.openSignedIn(driver, wait, server, server.adminToken);
  }
}
