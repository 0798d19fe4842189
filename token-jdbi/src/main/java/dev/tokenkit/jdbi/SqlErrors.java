package dev.tokenkit.jdbi;

import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenKitException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns JDBC/JDBI failures into TokenKit exceptions. Messages name the operation and the SQL state, never bound
 * values (the store's handles render statement exceptions without arguments, so hashes never reach a message).
 */
final class SqlErrors {
  static final String UNIQUE_VIOLATION = "23505";

  private SqlErrors() {}

  /**
   * Whether a failure means the database cannot be reached (connection refused, dropped, server shutting down).
   */
  static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
          || t instanceof java.net.ConnectException || t instanceof java.io.EOFException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static boolean hasState(Throwable e, String sqlState) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMissingTable(Throwable e) {
    // PostgreSQL undefined_table; H2 "table or view not found" (42S02 / 42S04 / vendor code 42102)
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if ("42P01".equals(state) || "42S02".equals(state) || "42S04".equals(state) || sql.getErrorCode() == 42102) {
          return true;
        }
      }
    }
    return false;
  }

  static String sqlState(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "none";
  }

  /**
   * The exception to throw for a failed store operation.
   *
   * @param e the failure (TokenKit exceptions pass through unchanged)
   * @param operation what the store was doing, e.g. "insert token"
   * @param tables the table names, for the migration hint
   */
  static RuntimeException translate(RuntimeException e, String operation, TableNames tables) {
    if (e instanceof TokenKitException || !(e instanceof JdbiException || e.getCause() instanceof SQLException)) {
      return e;
    }
    if (isUnavailable(e)) {
      return new StoreUnavailableException("The token database cannot be reached (" + operation + ", SQL state "
          + sqlState(e) + "); check that it is running and reachable from this host, then retry", e);
    }
    if (isMissingTable(e)) {
      return new IllegalStateException("TokenKit table(s) with prefix '" + tables.prefix + "' do not exist ("
          + operation + "); call JdbiTokenStore.migrate() once, or apply the migrations in classpath:db/tokenkit "
          + "with Flyway/Liquibase (placeholder tablePrefix=" + tables.prefix + ")", e);
    }
    return new TokenKitException("The token database failed to " + operation + " (SQL state " + sqlState(e)
        + "); see the cause and the database log", e);
  }
}
