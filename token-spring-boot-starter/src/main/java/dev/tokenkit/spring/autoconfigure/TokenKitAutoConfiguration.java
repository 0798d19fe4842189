package dev.tokenkit.spring.autoconfigure;

import dev.tokenkit.Expiration;
import dev.tokenkit.ExpiryPolicy;
import dev.tokenkit.TokenFormat;
import dev.tokenkit.TokenService;
import dev.tokenkit.bootstrap.AdminBootstrap;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.spring.TokenKitProperties;
import dev.tokenkit.spring.TokenServiceBuilderCustomizer;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The core of the TokenKit starter: a {@link TokenStore} (see {@link dev.tokenkit.spring.StoreType}), a {@link TokenService} configured
 * from {@code tokenkit.*} and {@link TokenServiceBuilderCustomizer} beans, and the optional admin bootstrap. Every
 * bean backs off when the application defines its own.
 *
 * @see dev.tokenkit.spring.StoreType
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@EnableConfigurationProperties(TokenKitProperties.class)
@Import({JdbcStoreConfiguration.class, MemoryStoreConfiguration.class})
public class TokenKitAutoConfiguration {

  /**
   * The token service.
   *
   * @param store the store
   * @param properties the properties
   * @param customizers host adjustments, applied last
   * @return the service, closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public TokenService tokenService(TokenStore store, TokenKitProperties properties,
      ObjectProvider<TokenServiceBuilderCustomizer> customizers) {
    TokenService.Builder builder = TokenService.builder().store(store)
        .format(TokenFormat.withPrefix(properties.getToken().getPrefix()))
        .expiryPolicy(expiryPolicy(properties.getExpiry()))
        .cacheTtl(properties.getCache().getTtl())
        .lastUseFlushInterval(properties.getLastUse().getFlushInterval());
    TokenKitProperties.Hashing hashing = properties.getHashing();
    if (hashing.getPepper() != null && !hashing.getPepper().isEmpty()) {
      byte[] pepper = hashing.getPepper().getBytes(StandardCharsets.UTF_8);
      if (pepper.length < 32) {
        throw new IllegalArgumentException("tokenkit.hashing.pepper must have at least 32 bytes; generate one with"
            + " 'openssl rand -base64 48' and pass it through an environment variable (TOKENKIT_HASHING_PEPPER)");
      }
      builder.pepper(hashing.getPepperKeyId(), pepper);
    }
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  static ExpiryPolicy expiryPolicy(TokenKitProperties.Expiry expiry) {
    ExpiryPolicy.Builder policy = ExpiryPolicy.builder()
        .choices(expiry.getChoices().stream().map(Expiration::after).toArray(Expiration[]::new))
        .allowNever(expiry.isAllowNever() && expiry.getMaxLifetime() == null);
    Period defaultPeriod = expiry.getDefault();
    if (defaultPeriod != null) {
      policy.defaultChoice(Expiration.after(defaultPeriod));
    }
    if (expiry.getMaxLifetime() != null) {
      policy.maxLifetime(expiry.getMaxLifetime());
    }
    return policy.build();
  }

  /**
   * Prints a first admin token once ({@code tokenkit.admin.bootstrap=true}).
   *
   * @param tokens the service
   * @return the runner
   */
  @Bean
  @ConditionalOnProperty(prefix = "tokenkit.admin", name = "bootstrap", havingValue = "true")
  @ConditionalOnMissingBean(name = "tokenKitAdminBootstrap")
  public ApplicationRunner tokenKitAdminBootstrap(TokenService tokens) {
    return args -> AdminBootstrap.run(tokens, false,
        "revoke the tokens of owner '" + AdminBootstrap.OWNER + "' and restart", System.out);
  }
}
