package dev.tokenkit.benchmarks.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * A minimal fixed-size JDBC connection pool for the database benchmarks, so that a cold verification measures
 * one query on an open connection (as with HikariCP in production) rather than a connection set-up per query.
 * Connections are opened up front; {@link #openConnection()} waits for a free one.
 *
 * <p>Thread-safe. Not a production pool: no validation, no eviction, no timeouts. Example:
 *
 * <pre>{@code
 * try (FixedConnectionPool pool = new FixedConnectionPool("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", 4)) {
 *   JdbiTokenStore store = JdbiTokenStore.builder(Jdbi.create(pool)).build();
 * }
 * }</pre>
 */
public final class FixedConnectionPool implements ConnectionFactory, AutoCloseable {
  private final BlockingQueue<Connection> free;
  private final List<Connection> all = new ArrayList<>();

  /**
   * Opens {@code size} connections.
   *
   * @param jdbcUrl the JDBC URL (credentials as URL parameters); never {@code null}
   * @param size how many connections, at least 1
   * @throws SQLException when a connection cannot be opened (check the URL and that the database is running)
   */
  public FixedConnectionPool(String jdbcUrl, int size) throws SQLException {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, got " + size);
    }
    free = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      Connection c = DriverManager.getConnection(jdbcUrl);
      all.add(c);
      free.add(c);
    }
  }

  @Override
  public Connection openConnection() throws SQLException {
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a pooled connection", e);
    }
  }

  @Override
  public void closeConnection(Connection conn) throws SQLException {
    if (!conn.getAutoCommit()) {
      conn.rollback();
      conn.setAutoCommit(true);
    }
    free.add(conn);
  }

  @Override
  public void close() throws SQLException {
    for (Connection c : all) {
      c.close();
    }
  }
}
