package dev.tokenkit.jdbi;

import java.sql.Connection;
import java.sql.Statement;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for the store's NOTIFY channel on one dedicated connection and reports each token id to the feed.
 * On a broken connection it reconnects with back-off; after every reconnect the feed drops all cached tokens
 * and catches up from the change log (notifications sent while disconnected are lost by PostgreSQL).
 * Only loaded when the database is PostgreSQL.
 */
class PgNotificationListener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PgNotificationListener.class);
  private static final int WAIT_MS = 250;
  private static final long KEEPALIVE_NANOS = 5_000_000_000L;
  private static final long MAX_BACKOFF_MS = 2_000;

  /** Placeholder when the driver is missing. */
  static final PgNotificationListener NONE = new PgNotificationListener();

  private final Db db;
  private final ChangeFeed feed;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean listening;

  private PgNotificationListener() {
    this.db = null;
    this.feed = null;
    this.thread = null;
  }

  PgNotificationListener(Db db, ChangeFeed feed) {
    this.db = db;
    this.feed = feed;
    PGConnection.class.getName(); // fail fast (LinkageError) when the driver is absent
    this.thread = new Thread(this, "tokenkit-change-listen-" + db.tables.prefix);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  boolean isListening() {
    return listening;
  }

  @Override
  public void run() {
    boolean everConnected = false;
    boolean warned = false;
    long backoff = 100;
    while (!closed) {
      try (Handle h = db.open("listen for token changes")) {
        Connection c = h.getConnection();
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + feed.channel());
        }
        if (everConnected) {
          LOG.info("Token change feed re-established LISTEN {}; dropping cached tokens and catching up",
              feed.channel());
          feed.resynchronize();
        }
        everConnected = true;
        listening = true;
        warned = false;
        backoff = 100;
        long lastCheck = System.nanoTime();
        while (!closed) {
          PGNotification[] ns = pg.getNotifications(WAIT_MS);
          if (ns != null) {
            for (PGNotification n : ns) {
              feed.changed(n.getParameter());
            }
          }
          long now = System.nanoTime(); // an interval: monotonic, unaffected by wall-clock steps
          if (now - lastCheck >= KEEPALIVE_NANOS) {
            try (Statement s = c.createStatement()) {
              s.execute("SELECT 1"); // detects half-open connections that never deliver again
            }
            lastCheck = now;
          }
        }
      } catch (Exception e) {
        listening = false;
        if (closed) {
          break;
        }
        if (!warned) {
          LOG.warn("Token change feed lost its LISTEN connection ({}); reconnecting. Meanwhile changes arrive by "
              + "polling the change log, and all cached tokens are dropped once LISTEN is back", e.getMessage());
          warned = true;
        }
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      } finally {
        listening = false;
      }
    }
  }

  void close() {
    closed = true;
    if (thread != null) {
      try {
        thread.join(2 * WAIT_MS + 1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
