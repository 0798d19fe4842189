package dev.tokenkit.servlet.admin;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
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
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openConsoleSignedIn() {
    driver.get(server.uri("/admin/").toString());
    wait.until(d -> d.findElement(By.id("sign-in")).isDisplayed() || d.findElement(By.id("app")).isDisplayed());
    if (driver.findElement(By.id("sign-in")).isDisplayed()) {
      driver.findElement(By.id("admin-token")).sendKeys(server.adminToken);
      driver.findElement(By.id("sign-in-submit")).click();
    }
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-table")));
  }
}
