package dev.tokenkit.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids that exist in the store, so that a flood of well-formed tokens with random ids (the format and its
 * checksum are public) does not cost one store read per request. Loaded from {@link TokenStore#forEachId} on a
 * background thread at start and every refresh interval (which also forgets deleted ids); kept current in between
 * by local issues and by the change feed (an id another node changed may be new). An id outside the set still
 * reaches the store at a bounded rate per node ({@link #tryUnknownRead()}), so a token issued on another node moments
 * ago works before the feed reports it, while a flood never gets more than that rate. Until the first load finishes,
 * every id counts as possibly existing. Thread-safe.
 *
 * <p>Memory: one entry per token (about 100 bytes for a 16-character id).
 */
public final class KnownIds implements TokenChangeListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KnownIds.class);

  private final TokenStore store;
  private final ReadBudget unknownReads;
  private final ScheduledExecutorService scheduler;
  private volatile Set<String> ids;
  private Set<String> addedDuringLoad;

  /**
   * Starts loading in the background.
   *
   * @param store the store
   * @param refresh how often the set is reloaded
   * @param unknownReadsPerSecond how many reads per second ids outside the set may cause on this node
   * @param ticker the time source of the read budget
   */
  public KnownIds(TokenStore store, Duration refresh, int unknownReadsPerSecond, Ticker ticker) {
    this.store = store;
    this.unknownReads = new ReadBudget(unknownReadsPerSecond, ticker);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tokenkit-known-ids");
      t.setDaemon(true);
      return t;
    });
    long ms = refresh.toMillis();
    scheduler.scheduleWithFixedDelay(this::loadQuietly, 0, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Whether the id may exist: it is in the set, or the set is not loaded yet.
   *
   * @param id the id
   * @return {@code false} only for ids the store did not hold at the last load and nobody reported since
   */
  public boolean mayExist(String id) {
    Set<String> s = ids;
    return s == null || s.contains(id);
  }

  /**
   * Whether an id outside the set may be looked up now (a per-node token bucket).
   *
   * @return {@code true} when the read budget allows one more read
   */
  public boolean tryUnknownRead() {
    return unknownReads.tryAcquire();
  }

  /**
   * Records an id that exists now (issued here, or changed through another node).
   *
   * @param id the id
   */
  public synchronized void add(String id) {
    Set<String> s = ids;
    if (s != null) {
      s.add(id);
    }
    if (addedDuringLoad != null) {
      addedDuringLoad.add(id);
    }
  }

  /** Reloads the set from the store; ids added meanwhile are kept. */
  void load() {
    synchronized (this) {
      addedDuringLoad = ConcurrentHashMap.newKeySet();
    }
    Set<String> fresh = ConcurrentHashMap.newKeySet();
    try {
      store.forEachId(fresh::add);
    } finally {
      synchronized (this) {
        if (addedDuringLoad != null) {
          fresh.addAll(addedDuringLoad);
        }
        addedDuringLoad = null;
      }
    }
    synchronized (this) {
      ids = fresh;
    }
  }

  private void loadQuietly() {
    try {
      long start = System.nanoTime();
      load();
      LOG.debug("Loaded {} token ids in {} ms", ids.size(), (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.warn("Could not load the token ids; unknown ids keep reaching the store at the bounded rate until the "
          + "next attempt ({})", e.toString());
    }
  }

  @Override
  public void tokenChanged(String tokenId) {
    add(tokenId);
  }

  @Override
  public void allChanged() {
    if (!scheduler.isShutdown()) {
      scheduler.execute(this::loadQuietly);
    }
  }

  /** Stops the background loading. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  /**
   * A token bucket: {@code perSecond} permits a second, bursts of up to ten seconds' worth (so a batch of tokens
   * issued on another node and used at once still works before the change feed reports them).
   */
  private static final class ReadBudget {
    private final double perNano;
    private final double burst;
    private final Ticker ticker;
    private double permits;
    private long last;

    ReadBudget(int perSecond, Ticker ticker) {
      this.perNano = perSecond / 1e9;
      this.burst = 10.0 * Math.max(1, perSecond);
      this.ticker = ticker;
      this.permits = burst;
      this.last = ticker.read();
    }

    synchronized boolean tryAcquire() {
      long now = ticker.read();
      permits = Math.min(burst, permits + Math.max(0, now - last) * perNano);
      last = now;
      if (permits >= 1) {
        permits -= 1;
        return true;
      }
      return false;
    }
  }
}
