package dev.tokenkit.spring.autoconfigure;

import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.spring.StoreType;
import dev.tokenkit.spring.TokenKitProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link InMemoryTokenStore} when no other store was configured (imported after the JDBC one). */
@Configuration(proxyBeanMethods = false)
class MemoryStoreConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(TokenStore.class)
  TokenStore tokenStore(TokenKitProperties properties) {
    if (properties.getStore().getType() == StoreType.JDBC) {
      throw new IllegalStateException("tokenkit.store.type=jdbc needs dev.tokenkit:token-jdbi on the classpath and a"
          + " DataSource bean (e.g. spring-boot-starter-jdbc with spring.datasource.url); or set"
          + " tokenkit.store.type=memory or auto");
    }
    return new InMemoryTokenStore();
  }
}
