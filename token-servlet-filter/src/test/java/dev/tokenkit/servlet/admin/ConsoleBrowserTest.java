package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin console in real headless Chromium against the servlet in real Jetty 12: create a token and see its
 * secret once, use it against a protected endpoint, rotate, disable and enable, revoke, delete, revoke all.
 * A failing test leaves a screenshot under {@code target/screenshots/}.
 */
@ExtendWith(ConsoleBrowserTest.ScreenshotOnFailure.class)
class ConsoleBrowserTest extends ConsoleBrowserBase {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static boolean capture;

  // ---------------------------------------------------------------- the flows

  @Test
  void creatingATokenShowsItsSecretOnceAndTheSecretWorksAgainstAProtectedEndpoint() throws Exception {
    capture = true;
    String secret = createToken("ci-deploy", "alice", "READ");
    capture = false;

    assertThat(secret).matches("tk_[A-Za-z0-9]{65}");
    assertThat(driver.getPageSource()).doesNotContain(secret);
    assertThat(cell("ci-deploy", ".last-used").getText()).isEqualTo("Never");
    assertThat(cell("ci-deploy", ".expiry").getText()).matches("Expires in (8[89]|9[0-3]) days");
    assertThat(badge("ci-deploy")).isEqualTo("Active");

    assertThat(callProtected("GET", secret)).isEqualTo(200);
    assertThat(callProtected("POST", secret)).as("READ access only").isEqualTo(403);

    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(rowBy("ci-deploy")));
    assertThat(cell("ci-deploy", ".last-used").getText()).doesNotStartWith("Never").contains("127.0.0.1");
    assertThat(driver.getPageSource()).doesNotContain(secret);
    screenshot("console-token-list");
  }

  @Test
  void rotatingIssuesANewSecretForTheSameTokenAndTheOldOneStops() throws Exception {
    String first = createToken("rotate-me", "bob", "READ");
    String id = row("rotate-me").getAttribute("data-token-id");

    action("rotate-me", "rotate");
    assertThat(new Select(driver.findElement(By.id("grace-seconds"))).getFirstSelectedOption().getText())
        .startsWith("No grace period");
    screenshot("console-confirm-rotate");
    driver.findElement(By.id("confirm-ok")).click();
    String second = readSecretAndClose();

    assertThat(second).isNotEqualTo(first).startsWith("tk_" + id);
    assertThat(row("rotate-me").getAttribute("data-token-id")).isEqualTo(id);
    assertThat(callProtected("GET", first)).isEqualTo(401);
    assertThat(callProtected("GET", second)).isEqualTo(200);
    waitForStatus("Token “rotate-me” rotated.");
  }

  @Test
  void regeneratingSetsTheChosenExpiry() throws Exception {
    String first = createToken("regen-me", "bob", "READ");
    action("regen-me", "regenerate");
    driver.findElement(By.cssSelector("#confirm-extra input[value='never']")).click();
    driver.findElement(By.id("confirm-ok")).click();
    String second = readSecretAndClose();
    waitForStatus("Token “regen-me” regenerated.");
    assertThat(cell("regen-me", ".expiry").getText()).isEqualTo("No expiration");
    assertThat(callProtected("GET", first)).isEqualTo(401);
    assertThat(callProtected("GET", second)).isEqualTo(200);
  }

  @Test
  void disablingAndEnablingSwitchesTheTokenOffAndOn() throws Exception {
    String secret = createToken("switch-me", "carol", "FULL");

    action("switch-me", "disable");
    driver.findElement(By.id("confirm-ok")).click();
    waitForStatus("Token “switch-me” disabled.");
    assertThat(badge("switch-me")).isEqualTo("Disabled");
    assertThat(callProtected("GET", secret)).isEqualTo(401);

    action("switch-me", "enable");
    driver.findElement(By.id("confirm-ok")).click();
    waitForStatus("Token “switch-me” enabled.");
    assertThat(badge("switch-me")).isEqualTo("Active");
    assertThat(callProtected("POST", secret)).isEqualTo(200);
  }

  @Test
  void aQuotaIsSetShownAndResetFromTheQuotaDialog() throws Exception {
    createToken("metered", "quinn", "READ");
    String id = row("metered").getAttribute("data-token-id");
    action("metered", "quota");
    assertThat(driver.findElement(By.id("quota-current")).getText()).isEqualTo("No quota: uses are not counted.");
    WebElement amount = driver.findElement(By.id("quota-amount"));
    amount.clear();
    amount.sendKeys("2");
    new Select(driver.findElement(By.id("quota-refill"))).selectByValue("DAILY");
    driver.findElement(By.id("confirm-ok")).click();
    waitForStatus("Quota of “metered” set: 2 of 2 uses left, refilled daily.");
    assertThat(server.tokens.quota(dev.tokenkit.Actor.of("test"), id).amount()).isEqualTo(2);

    action("metered", "quota");
    assertThat(driver.findElement(By.id("quota-current")).getText()).isEqualTo("2 of 2 uses left, refilled daily.");
    new Select(driver.findElement(By.id("quota-action"))).selectByValue("remove");
    driver.findElement(By.id("confirm-ok")).click();
    waitForStatus("Quota of “metered” removed.");
    assertThat(server.tokens.quota(dev.tokenkit.Actor.of("test"), id)).isNull();
  }

  @Test
  void tokensExpiringWithinTheNoticeLeadTimeAreMarked() {
    server.tokens.issue(dev.tokenkit.Actor.of("test"), dev.tokenkit.IssueRequest.builder("soon", "sam")
        .expiration(dev.tokenkit.Expiration.at(java.time.Instant.now().plus(Duration.ofDays(5)))).build());
    server.tokens.issue(dev.tokenkit.Actor.of("test"), dev.tokenkit.IssueRequest.builder("later", "sam")
        .expiration(dev.tokenkit.Expiration.months(6)).build());
    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-table")));
    assertThat(cell("soon", ".expiry").getText()).contains("Expiring soon");
    assertThat(cell("later", ".expiry").findElements(By.cssSelector(".tag-expiring-soon"))).isEmpty();
  }

  @Test
  void revokingStopsTheTokenForGood() throws Exception {
    String secret = createToken("revoke-me", "dave", "READ");
    action("revoke-me", "revoke");
    assertThat(driver.findElement(By.id("confirm-message")).getText()).contains("cannot be undone");
    driver.findElement(By.id("confirm-ok")).click();
    waitForStatus("Token “revoke-me” revoked.");
    assertThat(badge("revoke-me")).isEqualTo("Revoked");
    assertThat(row("revoke-me").findElements(By.cssSelector("button[data-action]")))
        .extracting(b -> b.getAttribute("data-action")).containsExactly("delete");
    assertThat(callProtected("GET", secret)).isEqualTo(401);
  }

  @Test
  void deletingRemovesTheToken() throws Exception {
    String secret = createToken("delete-me", "erin", "READ");
    String id = row("delete-me").getAttribute("data-token-id");
    action("delete-me", "delete");
    driver.findElement(By.id("confirm-ok")).click();
    waitForStatus("Token “delete-me” deleted.");
    assertThat(driver.findElements(rowBy("delete-me"))).isEmpty();
    assertThat(server.tokens.find(id)).isEmpty();
    assertThat(callProtected("GET", secret)).isEqualTo(401);
  }

  @Test
  void cancellingAConfirmationWithEscapeChangesNothing() throws Exception {
    String secret = createToken("keep-me", "frank", "READ");
    action("keep-me", "revoke");
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    wait.until(d -> d.findElement(By.id("confirm-dialog")).getAttribute("open") == null);
    assertThat(badge("keep-me")).isEqualTo("Active");
    assertThat(callProtected("GET", secret)).isEqualTo(200);
    assertThat(driver.switchTo().activeElement().getAttribute("data-action")).as("focus returns to the button")
        .isEqualTo("revoke");
  }

  @Test
  void revokeAllRevokesEveryTokenOfTheOwner() throws Exception {
    List<String> secrets = List.of(
        server.tokens.issue(Actor.system(), IssueRequest.builder("g1", "gina").role("READONLY").build()).secret().reveal(),
        server.tokens.issue(Actor.system(), IssueRequest.builder("g2", "gina").role("READONLY").build()).secret().reveal());
    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(rowBy("g2")));

    driver.findElement(By.id("revoke-all-owner")).sendKeys("gina");
    driver.findElement(By.id("revoke-all-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
    assertThat(driver.findElement(By.id("confirm-title")).getText()).isEqualTo("Revoke all tokens of “gina”?");
    driver.findElement(By.id("confirm-ok")).click();
    waitForStatus("Revoked 2 tokens of “gina”.");
    assertThat(badge("g1")).isEqualTo("Revoked");
    assertThat(badge("g2")).isEqualTo("Revoked");
    for (String s : secrets) {
      assertThat(callProtected("GET", s)).isEqualTo(401);
    }
  }

  @Test
  void aDuplicateNameIsShownNextToTheNameField() {
    createToken("twice", "hank", "NONE");
    driver.findElement(By.id("create-token")).click();
    driver.findElement(By.id("tf-name")).sendKeys("twice");
    driver.findElement(By.id("tf-owner")).sendKeys("hank");
    driver.findElement(By.id("tf-submit")).click();
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-name-error")));
    assertThat(error.getText()).contains("Token already exists");
    assertThat(driver.findElement(By.id("tf-name")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tf-name");
    driver.findElement(By.id("tf-cancel")).click();
  }

  @Test
  void editingChangesNameAccessAndIpRanges() throws Exception {
    String secret = createToken("edit-me", "jane", "NONE");
    assertThat(callProtected("GET", secret)).isEqualTo(403);
    row("edit-me").findElement(By.cssSelector("button[data-action='edit']")).click();
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-name")));
    assertThat(driver.findElement(By.id("tf-owner")).getAttribute("readonly")).isNotNull();
    name.clear();
    name.sendKeys("edited");
    new Select(driver.findElement(By.id("tf-all-level"))).selectByValue("FULL");
    driver.findElement(By.id("tf-apply-all")).click();
    assertThat(driver.findElement(By.cssSelector("input[name='access-orders'][value='FULL']")).isSelected()).isTrue();
    driver.findElement(By.id("tf-ips")).sendKeys("127.0.0.0/8");
    driver.findElement(By.id("tf-submit")).click();
    waitForStatus("Token “edited” saved.");
    assertThat(driver.findElements(rowBy("edit-me"))).isEmpty();
    assertThat(callProtected("POST", secret)).isEqualTo(200);

    row("edited").findElement(By.cssSelector("button[data-action='edit']")).click();
    WebElement ips = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-ips")));
    ips.clear();
    ips.sendKeys("10.0.0.1/8");
    driver.findElement(By.id("tf-submit")).click();
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-allowedIps-error")));
    assertThat(error.getText()).contains("did you mean 10.0.0.0/8");
    driver.findElement(By.id("tf-cancel")).click();
  }

  @Test
  void theListFiltersByOwnerAndStatusAndPages() {
    for (int i = 1; i <= 12; i++) {
      server.tokens.issue(Actor.system(), IssueRequest.builder("k" + i, "kate").build());
    }
    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-table")));
    driver.findElement(By.id("filter-owner")).sendKeys("kate");
    new Select(driver.findElement(By.id("filter-status"))).selectByValue("ACTIVE");
    new Select(driver.findElement(By.id("filter-limit"))).selectByValue("10");
    driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
    wait.until(d -> d.findElements(By.cssSelector("#token-rows tr")).size() == 10
        && d.findElements(rowBy("bootstrap-admin")).isEmpty());
    List<String> first = rowNames();
    driver.findElement(By.id("next-page")).click();
    wait.until(d -> d.findElements(By.cssSelector("#token-rows tr")).size() == 2);
    List<String> second = rowNames();
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    assertThat(all).containsExactlyInAnyOrder("k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12");
    assertThat(driver.findElement(By.id("next-page")).isEnabled()).isFalse();
    assertThat(driver.findElement(By.id("page-info")).getText()).isEqualTo("Page 2");
    driver.findElement(By.id("prev-page")).click();
    wait.until(d -> d.findElements(By.cssSelector("#token-rows tr")).size() == 10);
    assertThat(rowNames()).isEqualTo(first);
    driver.findElement(By.cssSelector("#filters button[type=reset]")).click();
    wait.until(d -> d.findElements(rowBy("bootstrap-admin")).size() == 1);
  }

  @Test
  void keyboardUsersSeeWhereTheFocusIsAndCanOpenTheCreateForm() {
    driver.findElement(By.tagName("body")).click();
    for (int i = 0; i < 6; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
      WebElement focused = driver.switchTo().activeElement();
      String outline = (String) driver.executeScript(
          "const s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", focused);
      assertThat(outline).as("focus outline of %s #%s", focused.getTagName(), focused.getAttribute("id"))
          .startsWith("solid").doesNotEndWith(" 0px");
    }
    WebElement create = driver.findElement(By.id("create-token"));
    driver.executeScript("arguments[0].focus()", create);
    create.sendKeys(Keys.ENTER);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-dialog")));
    assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tf-name");
    for (String id : List.of("tf-name", "tf-description", "tf-owner", "tf-role", "tf-ips", "tf-all-level")) {
      assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as("label of %s", id).hasSize(1);
    }
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("token-dialog")));
  }

  @Test
  void aTokenWithoutManagementRightsCannotSignIn() {
    String reader = server.tokens.issue(Actor.system(), IssueRequest.builder("reader", "ivy").role("READONLY").build())
        .secret().reveal();
    driver.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token"))).sendKeys(reader);
    driver.findElement(By.id("sign-in-submit")).click();
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
    assertThat(error.getText()).contains("may not manage tokens");
    assertThat(driver.findElement(By.id("app")).isDisplayed()).isFalse();
  }

  // ---------------------------------------------------------------- helpers

  /** Creates a token through the form with 3 months expiry and the level for API "orders"; returns the secret. */
  private static String createToken(String name, String owner, String ordersLevel) {
    driver.findElement(By.id("create-token")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-name"))).sendKeys(name);
    driver.findElement(By.id("tf-description")).sendKeys("created by the browser test");
    driver.findElement(By.id("tf-owner")).sendKeys(owner);
    driver.findElement(By.id("tf-expiry-choice-0")).click();
    driver.findElement(By.cssSelector("input[name='access-orders'][value='" + ordersLevel + "']")).click();
    if (capture) {
      screenshotQuietly("console-create-form");
    }
    driver.findElement(By.id("tf-submit")).click();
    String secret = readSecretAndClose();
    waitForStatus("Token “" + name + "” created.");
    wait.until(ExpectedConditions.visibilityOfElementLocated(rowBy(name)));
    return secret;
  }

  private static String readSecretAndClose() {
    WebElement value = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value")));
    assertThat(driver.findElement(By.id("secret-warning")).getText()).contains("will not be shown again");
    String secret = value.getAttribute("value");
    driver.findElement(By.id("copy-secret")).click();
    wait.until(d -> !d.findElement(By.id("copy-status")).getText().isEmpty());
    if (capture) {
      screenshotQuietly("console-new-secret");
    }
    driver.findElement(By.id("secret-done")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("secret-dialog")));
    assertThat(driver.findElement(By.id("secret-value")).getAttribute("value")).isEmpty();
    return secret;
  }

  private static List<String> rowNames() {
    return driver.findElements(By.cssSelector("#token-rows tr")).stream().map(r -> r.getAttribute("data-token-name"))
        .toList();
  }

  private static By rowBy(String name) {
    return By.cssSelector("#token-rows tr[data-token-name='" + name + "']");
  }

  private static WebElement row(String name) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(rowBy(name)));
  }

  private static WebElement cell(String name, String css) {
    return row(name).findElement(By.cssSelector(css));
  }

  private static String badge(String name) {
    return cell(name, ".badge").getText();
  }

  private static void action(String name, String action) {
    row(name).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
  }

  private static void waitForStatus(String text) {
    wait.until(ExpectedConditions.textToBe(By.id("status"), text));
  }

  private static int callProtected(String method, String secret) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.uri("/api/orders/42"))
        .header("Authorization", "Bearer " + secret)
        .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString("{}"))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  private static void screenshotQuietly(String name) {
    try {
      screenshot(name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot save screenshot " + name, e);
    }
  }

  /** Saves a screenshot of the browser when a test fails, before the browser moves on. */
  static final class ScreenshotOnFailure implements AfterTestExecutionCallback {
    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
      if (context.getExecutionException().isPresent() && driver != null) {
        screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
            + context.getRequiredTestMethod().getName());
      }
    }
  }
}
