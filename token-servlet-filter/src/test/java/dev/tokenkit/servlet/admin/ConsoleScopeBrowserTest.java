package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.ManagementScope;
import dev.tokenkit.Role;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.memory.InMemoryTokenStore;
import jakarta.servlet.http.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console follows the caller's management scope, in real headless Chromium against real Jetty: an
 * administrator sees every action, an auditor (read over all owners) sees no action at all, and a self-service
 * user signed in by the host's own login sees and creates only their own tokens, with the owner fixed and access
 * choices limited to what they may grant. Screenshots go to {@code target/screenshots/}.
 */
class ConsoleScopeBrowserTest {
  private static final String USER_COOKIE = "tk-test-user"; // stands in for the host's session cookie
  private static AdminTestServer server;
  private static ChromeDriver driver;
  private static WebDriverWait wait;
  private static String auditorToken;

  @BeforeAll
  static void start() throws Exception {
    driver = Chromium.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    InMemoryTokenStore store = new InMemoryTokenStore();
    TokenService tokens = TokenService.builder().store(store)
        .role(Role.managing("AUDITOR", AccessGrants.none(), ManagementScope.readOnly())).build();
    server = AdminTestServer.startWithHostAccess(store, tokens, req -> {
      Cookie[] cookies = req.getCookies();
      for (Cookie c : cookies == null ? new Cookie[0] : cookies) {
        if (c.getName().equals(USER_COOKIE)) {
          return Actor.of(c.getValue())
              .withScope(ManagementScope.ownTokens(c.getValue(), AccessGrants.of(Map.of("orders", AccessLevel.READ))));
        }
      }
      return null;
    });
    issue("alice-ci", "alice", null);
    issue("bob-ci", "bob", null);
    issue("carol-old", "carol", null);
    auditorToken = issue("audit", "audrey", "AUDITOR");
  }

  @AfterAll
  static void stop() throws Exception {
    Chromium.stop(driver, server);
  }

  private static String issue(String name, String owner, String role) {
    return server.tokens.issue(Actor.system(), IssueRequest.builder(name, owner).role(role)
        .access(Map.of("orders", AccessLevel.READ)).build()).secret().reveal();
  }

  @BeforeEach
  void freshBrowser() {
    driver.get(server.uri("/admin/assets/dom.js").toString());
    driver.manage().deleteAllCookies();
    driver.executeScript("sessionStorage.clear()");
  }

  private static void signInWithToken(String token) {
    driver.get(server.uri("/admin/").toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-token"))).sendKeys(token);
    driver.findElement(By.id("sign-in-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-table")));
    wait.until(d -> !d.findElements(By.cssSelector("#token-rows tr")).isEmpty());
  }

  @Test
  void anAdministratorSeesEveryAction() throws Exception {
    signInWithToken(server.adminToken);
    assertThat(driver.findElement(By.id("session-info")).getText()).contains("manage, all owners");
    assertThat(driver.findElement(By.id("create-token")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("revoke-all-section")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("shared-secret-button")).isDisplayed()).as("full scope").isTrue();
    assertThat(actionsOf("alice-ci")).containsExactly("edit", "quota", "rotate", "regenerate", "disable", "revoke", "delete");
    assertThat(actionsOf("bootstrap-admin")).contains("edit", "rotate", "revoke");
    driver.findElement(By.id("create-token")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-name")));
    assertThat(driver.findElement(By.id("tf-owner")).getAttribute("readonly")).isNull();
    assertThat(radio("orders", "FULL").isEnabled()).isTrue();
    assertThat(roleOptions()).contains("ADMIN", "READONLY", "AUDITOR");
    driver.findElement(By.id("tf-cancel")).click();
    screenshot("console-scope-administrator");
  }

  @Test
  void anAuditorSeesEveryTokenAndTheAuditTrailButNoAction() throws Exception {
    signInWithToken(auditorToken);
    assertThat(driver.findElement(By.id("session-info")).getText()).contains("read only, all owners");
    assertThat(rowNames()).contains("alice-ci", "bob-ci", "carol-old", "audit");
    assertThat(driver.findElements(By.cssSelector("#token-rows button[data-action]"))).isEmpty();
    assertThat(driver.findElement(By.id("create-token")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("revoke-all-section")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("shared-secret-button")).isDisplayed())
        .as("shared secrets need the full scope").isFalse();
    assertThat(driver.findElement(By.id("audit-section")).isDisplayed()).isTrue();
    wait.until(d -> !d.findElements(By.cssSelector("#audit-rows tr")).isEmpty());
    screenshot("console-scope-auditor");
  }

  @Test
  void aSelfServiceUserSeesAndCreatesOnlyOwnTokensWithinOwnAccess() throws Exception {
    driver.manage().addCookie(new org.openqa.selenium.Cookie(USER_COOKIE, "carol", "/"));
    driver.get(server.uri("/admin/").toString());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-table")));
    wait.until(d -> !d.findElements(By.cssSelector("#token-rows tr")).isEmpty());
    assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).as("signed in by the host's session").isFalse();
    assertThat(driver.findElement(By.id("session-info")).getText()).contains("carol").contains("own tokens");
    assertThat(rowNames()).containsExactly("carol-old");
    assertThat(driver.findElement(By.id("filter-owner")).getAttribute("value")).isEqualTo("carol");

    driver.findElement(By.id("create-token")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-name"))).sendKeys("carol-laptop");
    WebElement owner = driver.findElement(By.id("tf-owner"));
    assertThat(owner.getAttribute("value")).isEqualTo("carol");
    assertThat(owner.getAttribute("readonly")).isNotNull();
    assertThat(radio("orders", "FULL").isEnabled()).as("beyond carol's own access").isFalse();
    assertThat(radio("reports", "READ").isEnabled()).isFalse();
    assertThat(radio("orders", "READ").isEnabled()).isTrue();
    assertThat(driver.findElement(By.cssSelector("#tf-all-level option[value='FULL']")).isEnabled()).isFalse();
    assertThat(roleOptions()).isEmpty();
    radio("orders", "READ").click();
    driver.findElement(By.id("tf-expiry-choice-0")).click();
    screenshot("console-scope-self-service-create");
    driver.findElement(By.id("tf-submit")).click();
    WebElement secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value")));
    assertThat(secret.getAttribute("value")).startsWith("tk_");
    driver.findElement(By.id("secret-done")).click();
    wait.until(d -> rowNames().contains("carol-laptop"));
    assertThat(rowNames()).containsExactlyInAnyOrder("carol-old", "carol-laptop");
    assertThat(actionsOf("carol-laptop")).contains("edit", "rotate", "revoke", "delete");

    WebElement revokeAllOwner = driver.findElement(By.id("revoke-all-owner"));
    assertThat(revokeAllOwner.getAttribute("value")).isEqualTo("carol");
    assertThat(revokeAllOwner.getAttribute("readonly")).isNotNull();
    driver.findElement(By.id("revoke-all-submit")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
    driver.findElement(By.id("confirm-ok")).click();
    wait.until(ExpectedConditions.textToBe(By.id("status"), "Revoked 2 tokens of “carol”."));
    assertThat(server.tokens.list(TokenQuery.all().withOwner("alice")).items()).extracting(t -> t.status())
        .containsExactly(TokenStatus.ACTIVE);
    screenshot("console-scope-self-service");
  }

  /** The row names, read in one script so a re-render between reads cannot leave a stale element. */
  @SuppressWarnings("unchecked")
  private static List<String> rowNames() {
    return (List<String>) driver.executeScript(
        "return [...document.querySelectorAll('#token-rows tr')].map(r => r.dataset.tokenName);");
  }

  private static List<String> actionsOf(String name) {
    return driver.findElements(By.cssSelector("#token-rows tr[data-token-name='" + name + "'] button[data-action]"))
        .stream().map(b -> b.getAttribute("data-action")).toList();
  }

  private static WebElement radio(String api, String level) {
    return driver.findElement(By.cssSelector("input[name='access-" + api + "'][value='" + level + "']"));
  }

  private static List<String> roleOptions() {
    return driver.findElements(By.cssSelector("#tf-role option")).stream().map(o -> o.getAttribute("value"))
        .filter(v -> !v.isEmpty()).toList();
  }

  private static void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }
}
