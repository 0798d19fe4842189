package dev.tokenkit.spring.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code tokenkit} health indicator on Spring Boot 4 ({@code org.springframework.boot.health.contributor}). */
final class Boot4HealthIndicator implements HealthIndicator {
  private final TokenKitHealthCheck check;

  Boot4HealthIndicator(TokenKitHealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    TokenKitHealthCheck.Result result = check.check();
    return (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
  }
}
