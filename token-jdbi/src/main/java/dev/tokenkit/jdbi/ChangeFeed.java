package dev.tokenkit.jdbi;

import dev.tokenkit.spi.TokenChangeListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-node change feed: polls the change sequence every poll interval (on every database) and, on
 * PostgreSQL, also listens for NOTIFY on a dedicated connection for sub-poll latency. Started by the first
 * subscription, stopped by {@link #close()}. Pruning (at most once a minute, of entries older than the retention)
 * follows the store's clock. Thread-safe.
 */
final class ChangeFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  private static final int BATCH = 500;

  private final Db db;
  private final ChangeLog log;
  private final Duration pollInterval;
  private final boolean listenNotify;
  private final Duration retention;
  private final Clock clock;
  private final List<TokenChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lifecycle = new Object();
  private ScheduledExecutorService poller;
  private volatile PgNotificationListener pgListener;
  private boolean closed;
  /** The last sequence number delivered; -1 while unknown (database unreachable at start). */
  private long lastSeq = -1;
  private boolean pollFailing;
  private Instant lastPrune = Instant.EPOCH;

  ChangeFeed(Db db, ChangeLog log, Duration pollInterval, boolean listenNotify, Duration retention, Clock clock) {
    this.db = db;
    this.log = log;
    this.pollInterval = pollInterval;
    this.listenNotify = listenNotify;
    this.retention = retention;
    this.clock = clock;
  }

  AutoCloseable subscribe(TokenChangeListener listener) {
    listeners.add(listener);
    start();
    return () -> listeners.remove(listener);
  }

  private void start() {
    synchronized (lifecycle) {
      if (poller != null || closed) {
        return;
      }
      String name = "tokenkit-change-poll-" + db.tables.prefix;
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread th = new Thread(r, name);
        th.setDaemon(true);
        return th;
      });
      poll(); // baseline now, so changes made after subscribe() returns are never missed
      long ms = pollInterval.toMillis();
      poller.scheduleAtFixedRate(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** Starts the NOTIFY listener once the database is known to be PostgreSQL. */
  private void maybeStartListener() {
    if (!listenNotify || pgListener != null || db.dialect() != Dialect.POSTGRESQL) {
      return;
    }
    synchronized (lifecycle) {
      if (closed || pgListener != null) {
        return;
      }
      try {
        PgNotificationListener l = new PgNotificationListener(db, this);
        l.start();
        pgListener = l;
      } catch (LinkageError e) {
        pgListener = PgNotificationListener.NONE;
        LOG.warn("PostgreSQL driver classes (org.postgresql.PGConnection) not found; the change feed polls every "
            + "{} ms only. Put the org.postgresql:postgresql driver on the classpath for LISTEN/NOTIFY",
            pollInterval.toMillis());
      }
    }
  }

  /** Reads and delivers new changes; never throws. */
  synchronized void poll() {
    try {
      if (lastSeq < 0) {
        lastSeq = db.call("read the change sequence", log::currentSeq);
        if (pollFailing) {
          allChanged(); // we never knew where we were: anything may have changed
        }
      } else {
        List<ChangeLog.Change> batch;
        do {
          long from = lastSeq;
          batch = db.call("poll the change log", h -> log.after(h, from, BATCH));
          if (!batch.isEmpty() && batch.get(0).seq() != from + 1) {
            LOG.info("Change log entries {}..{} were pruned before this node read them; dropping all cached tokens",
                from + 1, batch.get(0).seq() - 1);
            allChanged();
          }
          for (ChangeLog.Change c : batch) {
            changed(c.tokenId());
            lastSeq = c.seq();
          }
        } while (batch.size() == BATCH);
        pruneOccasionally();
      }
      if (pollFailing) {
        pollFailing = false;
        LOG.info("Token change feed polling recovered at sequence {}", lastSeq);
      }
      maybeStartListener();
    } catch (RuntimeException e) {
      if (!pollFailing) {
        LOG.warn("Token change feed cannot poll the database ({}); cached tokens stay valid until their TTL, "
            + "retrying every {} ms", e.getMessage(), pollInterval.toMillis());
      }
      pollFailing = true;
    }
  }

  private void pruneOccasionally() {
    Instant now = clock.instant();
    if (Duration.between(lastPrune, now).compareTo(Duration.ofMinutes(1)) < 0) {
      return;
    }
    lastPrune = now;
    int n = db.call("prune the change log", h -> log.prune(h, now.minus(retention)));
    if (n > 0) {
      LOG.debug("Pruned {} change log entries older than {}", n, retention);
    }
  }

  void changed(String tokenId) {
    for (TokenChangeListener l : listeners) {
      try {
        l.tokenChanged(tokenId);
      } catch (RuntimeException e) {
        LOG.warn("A token change listener failed for token {} ({})", tokenId, e.toString());
      }
    }
  }

  void allChanged() {
    for (TokenChangeListener l : listeners) {
      try {
        l.allChanged();
      } catch (RuntimeException e) {
        LOG.warn("A token change listener failed on allChanged ({})", e.toString());
      }
    }
  }

  /** After the NOTIFY connection was re-established: drop everything, then catch up from the change log. */
  void resynchronize() {
    allChanged();
    try {
      poller.execute(this::poll);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  boolean isListening() {
    PgNotificationListener l = pgListener;
    return l != null && l.isListening();
  }

  String channel() {
    return db.tables.channel;
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      closed = true;
      if (pgListener != null) {
        pgListener.close();
      }
      if (poller != null) {
        poller.shutdownNow();
      }
    }
    listeners.clear();
  }
}
