package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.RequestInfo;
import dev.tokenkit.TokenQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 19 in the console, in real headless Chromium against real Jetty: an administrator creates a canary, sees it
 * marked, sees its trigger in the audit trail, and narrows a token with unused grants to what it used.
 */
class ConsoleLeakResponseBrowserTest extends ConsoleBrowserBase {

  private static WebElement row(String name) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#token-rows tr[data-token-name='" + name + "']")));
  }

  @Test
  void anAdministratorCreatesACanaryAndSeesItsTrigger() {
    driver.findElement(By.id("create-token")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-name"))).sendKeys("aws-backup-key");
    driver.findElement(By.id("tf-owner")).sendKeys("canaries");
    driver.findElement(By.id("tf-expiry-choice-0")).click();
    driver.findElement(By.id("tf-canary")).click();
    driver.findElement(By.id("tf-submit")).click();
    String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-value")))
        .getAttribute("value");
    driver.findElement(By.id("secret-done")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("secret-dialog")));

    WebElement canary = row("aws-backup-key");
    assertThat(canary.getAttribute("data-canary")).isEqualTo("true");
    assertThat(canary.findElement(By.cssSelector(".tag-canary")).getText()).isEqualTo("Canary");
    String id = canary.getAttribute("data-token-id");
    assertThat(server.tokens.get(id).canary()).isTrue();

    assertThat(server.tokens.authenticate(secret, AuthContext.anyApi("198.51.100.7")
        .withRequest(new RequestInfo("GET", "/api/orders/1", "stolen-client/2.0"))).isVerified()).isFalse();
    row("aws-backup-key").findElement(By.cssSelector("button[data-action='triggers']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-filter")));
    WebElement trigger = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#audit-rows tr.canary-trigger")));
    assertThat(trigger.getText()).contains("Canary triggered", id, "198.51.100.7", "stolen-client/2.0",
        "/api/orders/1");
    assertThat(driver.getPageSource()).doesNotContain(secret);
    driver.findElement(By.id("audit-show-all")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("audit-filter")));
  }

  @Test
  void anAdministratorNarrowsATokenToWhatItUsed() {
    IssuedToken t = server.tokens.issue(Actor.system(), IssueRequest.builder("wide-integration", "dora")
        .access(Map.of("orders", AccessLevel.READ, "billing", AccessLevel.FULL)).build());
    assertThat(server.tokens.authenticate(t.secret().reveal(), AuthContext.of("127.0.0.1", "orders",
        AccessLevel.READ)).isVerified()).isTrue();

    driver.findElement(By.id("unused-submit")).click();
    WebElement reported = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#unused-rows tr[data-token-id='" + t.token().id() + "']")));
    assertThat(reported.getText()).contains("billing FULL: never used", "orders:");
    reported.findElement(By.cssSelector("button[data-action='narrow']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-ok"))).click();
    wait.until(ExpectedConditions.textToBe(By.id("status"), "Token “wide-integration” narrowed to what it used."));
    assertThat(server.tokens.get(t.token().id()).access().asMap()).isEqualTo(Map.of("orders", AccessLevel.READ,
        "*", AccessLevel.NONE));
    wait.until(ExpectedConditions.invisibilityOfElementLocated(
        By.cssSelector("#unused-rows tr[data-token-id='" + t.token().id() + "']")));
    List<String> owners = server.tokens.list(TokenQuery.all()).items().stream().map(x -> x.owner()).toList();
    assertThat(owners).contains("dora");
  }
}
