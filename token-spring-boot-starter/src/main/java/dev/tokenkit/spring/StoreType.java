package dev.tokenkit.spring;

/** Which token store the starter creates ({@code tokenkit.store.type}). */
public enum StoreType {
  /** A {@code JdbiTokenStore} when token-jdbi is on the classpath and a {@code DataSource} exists, else in memory. */
  AUTO,
  /** The {@code JdbiTokenStore} on the application's {@code DataSource}; start-up fails without them. */
  JDBC,
  /** The {@code InMemoryTokenStore} (tests, demos): tokens are lost on restart. */
  MEMORY
}
