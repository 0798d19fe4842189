package dev.tokenkit.jdbi;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Opens handles on the host's {@link Jdbi} configured for the store: statement exceptions never render bound
 * values (they may be hashes), the dialect is detected on first contact, and failures are translated.
 * Thread-safe.
 */
final class Db {
  final Jdbi jdbi;
  final TableNames tables;
  private volatile Dialect dialect;

  Db(Jdbi jdbi, TableNames tables) {
    this.jdbi = jdbi;
    this.tables = tables;
  }

  /** Opens a configured handle (the caller closes it); throws translated exceptions. */
  Handle open(String operation) {
    Handle h;
    try {
      h = jdbi.open();
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, operation, tables);
    }
    try {
      h.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
      if (dialect == null) {
        dialect = Dialect.of(h.getConnection());
      }
      return h;
    } catch (SQLException | RuntimeException e) {
      h.close();
      throw SqlErrors.translate(e instanceof RuntimeException r ? r : new IllegalStateException(e), operation, tables);
    }
  }

  /** The detected dialect; call after a handle was opened. */
  Dialect dialect() {
    Dialect d = dialect;
    return d == null ? Dialect.STANDARD : d;
  }

  <R> R call(String operation, HandleCallback<R, RuntimeException> callback) {
    try (Handle h = open(operation)) {
      return callback.withHandle(h);
    } catch (RuntimeException e) {
      throw SqlErrors.translate(e, operation, tables);
    }
  }

  <R> R inTransaction(String operation, HandleCallback<R, RuntimeException> callback) {
    return call(operation, h -> h.inTransaction(TransactionIsolationLevel.READ_COMMITTED, callback::withHandle));
  }

  /** A read of several tables that must see one snapshot. */
  <R> R inSnapshot(String operation, HandleCallback<R, RuntimeException> callback) {
    return call(operation, h -> h.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, callback::withHandle));
  }
}
