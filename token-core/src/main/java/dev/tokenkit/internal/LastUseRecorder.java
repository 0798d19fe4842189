package dev.tokenkit.internal;

import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-behind last-use tracking: uses are coalesced per token in memory and flushed in one batch per interval
 * (and on close), so a token costs at most one store write per flush interval however often it is used.
 */
public final class LastUseRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LastUseRecorder.class);

  private final TokenStore store;
  private final ConcurrentHashMap<String, LastUse> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final java.util.concurrent.atomic.AtomicLong flushes = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong flushFailures = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong flushNanos = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Creates the recorder and starts its flush thread.
   *
   * @param store where to flush
   * @param interval the flush interval
   */
  public LastUseRecorder(TokenStore store, Duration interval) {
    this.store = store;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tokenkit-last-use-flush");
      t.setDaemon(true);
      return t;
    });
    long ms = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Notes a successful use.
   *
   * @param tokenId the id
   * @param at when
   * @param ip the client IP, or {@code null}
   */
  public void record(String tokenId, Instant at, String ip) {
    LastUse previous = pending.get(tokenId);
    // Same millisecond (the precision stores keep) and same IP: nothing new to write, so skip the map write that
    // would otherwise happen on every verification of a busy token.
    if (previous != null && previous.at().toEpochMilli() == at.toEpochMilli()
        && java.util.Objects.equals(previous.ip(), ip)) {
      return;
    }
    pending.put(tokenId, new LastUse(tokenId, at, ip));
  }

  /**
   * The not yet flushed use of a token.
   *
   * @param tokenId the id
   * @return the use, or {@code null}
   */
  public LastUse pending(String tokenId) {
    return pending.get(tokenId);
  }

  /**
   * Writes all pending uses in one batch now.
   *
   * @return how many tokens were written
   */
  public synchronized int flush() {
    if (pending.isEmpty()) {
      return 0;
    }
    // Keyed by id: a key that is removed and re-added by a concurrent use while we iterate (or moved by a resize)
    // can be returned twice by the weakly consistent iterator, and the store contract allows one entry per token.
    Map<String, LastUse> byId = new HashMap<>();
    for (String id : pending.keySet()) {
      LastUse use = pending.remove(id);
      if (use != null) {
        byId.merge(id, use, LastUseRecorder::later);
      }
    }
    List<LastUse> batch = new ArrayList<>(byId.values());
    long start = System.nanoTime();
    try {
      store.recordLastUse(batch);
    } catch (RuntimeException e) {
      for (LastUse use : batch) {
        pending.merge(use.tokenId(), use, LastUseRecorder::later);
      }
      flushFailures.incrementAndGet();
      throw e;
    } finally {
      flushes.incrementAndGet();
      flushNanos.addAndGet(System.nanoTime() - start);
    }
    return batch.size();
  }

  /** @return how many tokens have a use not yet written */
  public int pendingCount() {
    return pending.size();
  }

  /** @return flushes that wrote at least one use (failed ones included), failed flushes, total nanoseconds */
  public long[] flushCounts() {
    return new long[] {flushes.get(), flushFailures.get(), flushNanos.get()};
  }

  private static LastUse later(LastUse a, LastUse b) {
    return b.at().isAfter(a.at()) ? b : a;
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("Could not flush last-use times ({}); will retry at the next interval", e.toString());
    }
  }

  /** Stops the flush thread and flushes what is pending. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushQuietly();
  }
}
