package dev.tokenkit.spring.autoconfigure;

import dev.tokenkit.TokenService;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.spring.TokenServiceBuilderCustomizer;
import dev.tokenkit.spring.metrics.TokenKitMeters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics (when Micrometer is on the classpath): {@link TokenKitMeters}, a {@code MeterBinder} that
 * Spring Boot binds to the application's registry, fed by the {@link TokenService} through a
 * {@link TokenServiceBuilderCustomizer}.
 */
@AutoConfiguration(before = TokenKitAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
public class TokenKitMetricsAutoConfiguration {

  /**
   * The meters.
   *
   * @param tokens the service (read by gauges)
   * @param store the store (read by gauges)
   * @return the meters
   */
  @Bean
  @ConditionalOnMissingBean
  public TokenKitMeters tokenKitMeters(ObjectProvider<TokenService> tokens, ObjectProvider<TokenStore> store) {
    return new TokenKitMeters(tokens::getObject, store::getObject);
  }

  /**
   * Feeds the meters.
   *
   * @param meters the meters
   * @return the customizer
   */
  @Bean
  public TokenServiceBuilderCustomizer tokenKitMetricsCustomizer(TokenKitMeters meters) {
    return builder -> builder.metricsListener(meters).auditListener(meters);
  }
}
