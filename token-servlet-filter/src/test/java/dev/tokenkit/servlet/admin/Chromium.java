package dev.tokenkit.servlet.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by Selenium with
 * explicit paths so that Selenium Manager never downloads a browser or a driver. Under {@code CI=true} a missing
 * Chromium fails the tests; elsewhere they are skipped with the install command.
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  static ChromeDriver start() throws IOException {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      String message = "Browser tests need Chromium and its driver at " + BROWSER + " and " + DRIVER
          + ": run 'apt-get install chromium chromium-driver' (Debian/Ubuntu)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(message + " (CI=true: browser tests must run, so this is a failure, not a skip)");
      }
      Assumptions.abort(message);
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
    System.setProperty("SE_OFFLINE", "true");
    Path profile = Files.createTempDirectory("tokenkit-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1400,1000", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    return driver;
  }

  /**
   * Opens the console and signs in with a token unless the session is still signed in, then waits for the token
   * table.
   */
  static void openSignedIn(ChromeDriver driver, WebDriverWait wait, AdminTestServer server, String token) {
    driver.get(server.uri("/admin/").toString());
    wait.until(d -> d.findElement(By.id("sign-in")).isDisplayed() || d.findElement(By.id("app")).isDisplayed());
    if (driver.findElement(By.id("sign-in")).isDisplayed()) {
      driver.findElement(By.id("admin-token")).sendKeys(token);
      driver.findElement(By.id("sign-in-submit")).click();
    }
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-table")));
  }

  /** Quits the browser and stops the server; either may be {@code null} when the setup failed early. */
  static void stop(ChromeDriver driver, AdminTestServer server) throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }
}
