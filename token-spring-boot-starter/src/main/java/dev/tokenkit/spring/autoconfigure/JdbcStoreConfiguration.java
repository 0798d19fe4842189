package dev.tokenkit.spring.autoconfigure;

import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.spring.TokenKitProperties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A {@link JdbiTokenStore} on the application's {@link DataSource} unless {@code tokenkit.store.type=memory}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.tokenkit.jdbi.JdbiTokenStore")
@ConditionalOnBean(DataSource.class)
@ConditionalOnExpression("!'${tokenkit.store.type:auto}'.equalsIgnoreCase('memory')")
class JdbcStoreConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStoreConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(TokenStore.class)
  JdbiTokenStore tokenStore(DataSource dataSource, TokenKitProperties properties) {
    TokenKitProperties.Store settings = properties.getStore();
    JdbiTokenStore store = JdbiTokenStore.builder(dataSource).tablePrefix(settings.getTablePrefix()).build();
    if (settings.isMigrate()) {
      store.migrate();
    } else {
      LOG.info("tokenkit.store.migrate=false: apply TokenKit's scripts (classpath:{}) with Flyway or Liquibase",
          JdbiTokenStore.MIGRATIONS_LOCATION);
    }
    return store;
  }
}
