package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.sharedsecret.KeyRing;
import dev.tokenkit.sharedsecret.SharedSecret;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's "API shared secret" panel in real headless Chromium against the servlet in real Jetty 12: create a
 * shared secret and see its value with a copy button and a warning, reveal it again (audited), rotate it with an
 * overlap and delete it, each behind a confirmation.
 */
class SharedSecretConsoleBrowserTest {
  private static AdminTestServer server;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    driver = Chromium.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    InMemoryTokenStore store = new InMemoryTokenStore();
    server = AdminTestServer.start(store, TokenService.builder().store(store)
        .sharedSecretKeys(KeyRing.builder().key("browser", key).build()).build(), null);
  }

  @AfterAll
  static void stop() throws Exception {
    Chromium.stop(driver, server);
  }

  @BeforeEach
  void openPanel() {
    Chromium.openSignedIn(driver, wait, server, server.adminToken);
    WebElement button = wait.until(ExpectedConditions.elementToBeClickable(By.id("shared-secret-button")));
    assertThat(button.getText()).isEqualTo("API shared secret");
    assertThat(driver.findElement(By.id("shared-secrets")).isDisplayed()).isFalse();
    button.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shared-secret-form")));
    assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
  }

  @Test
  void createRevealRotateAndDeleteEachBehindAConfirmation() throws Exception {
    driver.findElement(By.id("shared-secret-name")).sendKeys("billing-integration");
    driver.findElement(By.id("shared-secret-create")).click();
    confirm("Create shared secret “billing-integration”?");
    String created = readValueAndClose();
    assertThat(created).matches("tkss_[A-Za-z0-9]{43}");
    waitForStatus("Shared secret “billing-integration” created.");
    WebElement row = row("billing-integration");
    String id = row.getAttribute("data-secret-id");
    assertThat(id).startsWith("ss_");
    assertThat(driver.getPageSource()).doesNotContain(created);
    screenshot("console-shared-secrets");

    action("billing-integration", "reveal");
    assertThat(driver.findElement(By.id("confirm-message")).getText()).contains("audit trail");
    driver.findElement(By.id("confirm-ok")).click();
    assertThat(readValueAndClose()).isEqualTo(created);
    waitForStatus("Shared secret “billing-integration” revealed.");
    assertThat(server.tokens.audit(AuditQuery.all().withTokenId(id)).items()).extracting(AuditEvent::type)
        .contains(AuditEventType.SHARED_SECRET_REVEALED);

    action("billing-integration", "rotate");
    new Select(driver.findElement(By.id("overlap-seconds"))).selectByValue("3600");
    driver.findElement(By.id("confirm-ok")).click();
    String rotated = readValueAndClose();
    assertThat(rotated).isNotEqualTo(created).startsWith("tkss_");
    waitForStatus("Shared secret “billing-integration” rotated.");
    SharedSecret meta = server.tokens.sharedSecrets().get(id);
    assertThat(meta.previousValidUntil()).isNotNull();
    assertThat(cellTexts("billing-integration")).anySatisfy(t -> assertThat(t).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"));

    action("billing-integration", "delete");
    driver.findElement(By.id("confirm-ok")).click();
    waitForStatus("Shared secret “billing-integration” deleted.");
    assertThat(driver.findElements(rowBy("billing-integration"))).isEmpty();
    assertThat(server.tokens.sharedSecrets().list()).extracting(SharedSecret::id).doesNotContain(id);
  }

  @Test
  void cancellingAConfirmationChangesNothing() {
    driver.findElement(By.id("shared-secret-name")).sendKeys("keep-me");
    driver.findElement(By.id("shared-secret-create")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    wait.until(d -> d.findElement(By.id("confirm-dialog")).getAttribute("open") == null);
    assertThat(server.tokens.sharedSecrets().list()).extracting(SharedSecret::name).doesNotContain("keep-me");
  }

  @Test
  void aDuplicateNameIsShownNextToTheNameField() {
    server.tokens.sharedSecrets().create(dev.tokenkit.Actor.system(), "taken");
    driver.findElement(By.id("shared-secret-name")).sendKeys("taken");
    driver.findElement(By.id("shared-secret-create")).click();
    confirm("Create shared secret “taken”?");
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("shared-secret-name-error")));
    assertThat(error.getText()).contains("already exists");
    assertThat(driver.findElement(By.id("shared-secret-name")).getAttribute("aria-invalid")).isEqualTo("true");
  }

  private static void screenshot(String name) throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
  }

  private static void confirm(String title) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
    assertThat(driver.findElement(By.id("confirm-title")).getText()).isEqualTo(title);
    driver.findElement(By.id("confirm-ok")).click();
  }

  private static String readValueAndClose() {
    WebElement value = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value")));
    assertThat(driver.findElement(By.id("secret-warning")).getText()).contains("Anyone who has it can sign requests");
    assertThat(driver.findElement(By.id("secret-title")).getText()).isEqualTo("Shared secret");
    String secret = value.getAttribute("value");
    driver.findElement(By.id("copy-secret")).click();
    wait.until(d -> !d.findElement(By.id("copy-status")).getText().isEmpty());
    driver.findElement(By.id("secret-done")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("secret-dialog")));
    assertThat(driver.findElement(By.id("secret-value")).getAttribute("value")).isEmpty();
    return secret;
  }

  private static By rowBy(String name) {
    return By.cssSelector("#shared-secret-rows tr[data-secret-name='" + name + "']");
  }

  private static WebElement row(String name) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(rowBy(name)));
  }

  private static java.util.List<String> cellTexts(String name) {
    return row(name).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
  }

  private static void action(String name, String action) {
    row(name).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
  }

  private static void waitForStatus(String text) {
    wait.until(ExpectedConditions.textToBe(By.id("status"), text));
  }
}
