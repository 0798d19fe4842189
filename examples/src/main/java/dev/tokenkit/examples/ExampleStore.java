package dev.tokenkit.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;

/**
 * The example's token store, chosen by the options: in memory ({@code --in-memory}), PostgreSQL or another database
 * ({@code --db}), or by default the private H2 file database under {@code --data-dir}. Every SQL store reads and
 * writes through a HikariCP connection pool, as a production host would. Thread-safe; closing it closes the store
 * and then the pool.
 *
 * <pre>{@code
 * try (ExampleStore store = ExampleStore.open(ExampleOptions.parse("--db", url))) {
 *   TokenService tokens = TokenService.builder().store(store.tokenStore()).build();
 * }
 * }</pre>
 */
final class ExampleStore implements AutoCloseable {
  /** Pool size: the store keeps one PostgreSQL connection for LISTEN, the rest serve requests. */
  static final int POOL_SIZE = 8;

  private final TokenStore store;
  private final HikariDataSource pool;
  private final String description;

  private ExampleStore(TokenStore store, HikariDataSource pool, String description) {
    this.store = store;
    this.pool = pool;
    this.description = description;
  }

  /**
   * Opens (and for SQL stores migrates) the store the options ask for.
   *
   * @param options the options
   * @return the open store
   * @throws IllegalStateException when the database cannot be prepared
   * @throws RuntimeException from HikariCP or the store when the database cannot be reached
   */
  static ExampleStore open(ExampleOptions options) {
    if (options.inMemory()) {
      return new ExampleStore(new InMemoryTokenStore(), null, "in memory");
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("tokenkit-example");
    config.setMaximumPoolSize(POOL_SIZE);
    PrivateH2Database h2 = null;
    if (options.jdbcUrl() != null) {
      config.setJdbcUrl(options.jdbcUrl()); // user and password may be URL parameters
    } else {
      h2 = PrivateH2Database.prepare(options.dataDir());
      config.setJdbcUrl(h2.jdbcUrl());
      config.setUsername(PrivateH2Database.USER);
      config.setPassword(h2.password());
    }
    HikariDataSource pool = new HikariDataSource(config);
    try {
      JdbiTokenStore store = JdbiTokenStore.builder(pool).build();
      store.migrate();
      if (h2 != null) {
        h2.restrictFiles(); // the files H2 just created
      }
      return new ExampleStore(store, pool, withoutCredentials(options.effectiveJdbcUrl()));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static String withoutCredentials(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?..."; // never print credentials from the URL
  }

  /**
   * The token store.
   *
   * @return the store
   */
  TokenStore tokenStore() {
    return store;
  }

  /**
   * What the store is, for the start-up line; never credentials.
   *
   * @return e.g. {@code in memory} or the JDBC URL without its parameters
   */
  String description() {
    return description;
  }

  @Override
  public void close() {
    store.close();
    if (pool != null) {
      pool.close();
    }
  }
}
