package dev.tokenkit.spring.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code tokenkit} health indicator on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
final class Boot3HealthIndicator implements HealthIndicator {
  private final TokenKitHealthCheck check;

  Boot3HealthIndicator(TokenKitHealthCheck check) {
    this.check = check;
  }

  @Override
  public Health health() {
    TokenKitHealthCheck.Result result = check.check();
    return (result.up() ? Health.up() : Health.down()).withDetails(result.details()).build();
  }
}
