package dev.tokenkit.spring.health;

import dev.tokenkit.spi.TokenStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code tokenkit} health indicator beans, one per Spring Boot generation; each is only read when its
 * generation's health API is on the classpath. Imported by {@code TokenKitHealthAutoConfiguration}.
 */
public final class TokenKitHealthConfigurations {
  /** The bean name; Actuator shows the indicator as {@code tokenkit}. */
  public static final String BEAN_NAME = "tokenkitHealthIndicator";

  private TokenKitHealthConfigurations() {}

  /** Spring Boot 3.x. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  public static class Boot3 {
    /**
     * The indicator.
     *
     * @param store the store
     * @return the indicator
     */
    @Bean(BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    public org.springframework.boot.actuate.health.HealthIndicator tokenkitHealthIndicator(TokenStore store) {
      return new Boot3HealthIndicator(new TokenKitHealthCheck(store));
    }
  }

  /** Spring Boot 4.x. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  public static class Boot4 {
    /**
     * The indicator.
     *
     * @param store the store
     * @return the indicator
     */
    @Bean(BEAN_NAME)
    @ConditionalOnMissingBean(name = BEAN_NAME)
    public org.springframework.boot.health.contributor.HealthIndicator tokenkitHealthIndicator(TokenStore store) {
      return new Boot4HealthIndicator(new TokenKitHealthCheck(store));
    }
  }
}
