package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.Expiration;
import dev.tokenkit.IssueRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console renders every expiry the API can return, in real headless Chromium: the last instant every store
 * holds (9999-12-31T23:59:59.999Z) and, defensively, instants JavaScript dates cannot hold, with no "NaN" and no
 * "less than an hour" for far-away dates.
 */
class ConsoleExpiryRenderingTest {
  private static AdminTestServer server;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    driver = Chromium.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    server = AdminTestServer.start();
    Chromium.openSignedIn(driver, wait, server, server.adminToken);
  }

  @AfterAll
  static void stop() throws Exception {
    Chromium.stop(driver, server);
  }

  @Test
  void theLastInstantEveryStoreHoldsIsShownInYears() {
    server.tokens.issue(Actor.system(), IssueRequest.builder("far-future", "zed")
        .expiration(Expiration.at(Instant.parse("9999-12-31T23:59:59.999Z"))).build());
    driver.navigate().refresh();
    WebElement expiry = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#token-rows tr[data-token-name='far-future'] .expiry")));
    assertThat(expiry.getText()).matches("Expires in 79[0-9]{2} years");
    assertThat(expiry.getAttribute("title")).startsWith("9999-12-3").doesNotContain("NaN");
    assertThat(driver.findElement(By.id("token-rows")).getText()).doesNotContain("NaN");
  }

  @Test
  @SuppressWarnings("unchecked")
  void instantsJavaScriptCannotHoldAreShownAsTheyAre() {
    List<String> texts = (List<String>) driver.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "import(new URL('assets/format.js', document.baseURI)).then((f) => done(["
            + "  f.expiryText('+999999-01-01T00:00:00Z'), f.dateTime('+999999-01-01T00:00:00Z'),"
            + "  f.expiryClass('+999999-01-01T00:00:00Z'), f.expiryText('9999-12-31T23:59:59.999Z'),"
            + "  f.expiryText(new Date(Date.now() + 3 * 86400000 + 60000).toISOString()),"
            + "  f.expiryText('1970-01-01T00:00:00Z')]));");
    assertThat(texts).containsExactly("Expires +999999-01-01T00:00:00Z", "+999999-01-01T00:00:00Z", "",
        texts.get(3), "Expires in 3 days", "Expired");
    assertThat(texts.get(3)).matches("Expires in 79[0-9]{2} years");
  }
}
