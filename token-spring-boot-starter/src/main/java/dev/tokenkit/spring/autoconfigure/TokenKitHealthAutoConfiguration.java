package dev.tokenkit.spring.autoconfigure;

import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.spring.health.TokenKitHealthConfigurations;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Import;

/**
 * The Actuator health indicator {@code tokenkit} (Spring Boot 3 or 4, whichever is present); turn it off with
 * {@code management.health.tokenkit.enabled=false}.
 */
@AutoConfiguration(after = TokenKitAutoConfiguration.class)
@ConditionalOnBean(TokenStore.class)
@ConditionalOnProperty(prefix = "management.health.tokenkit", name = "enabled", matchIfMissing = true)
@Import({TokenKitHealthConfigurations.Boot3.class, TokenKitHealthConfigurations.Boot4.class})
public class TokenKitHealthAutoConfiguration {}
