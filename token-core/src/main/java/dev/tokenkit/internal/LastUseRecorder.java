package dev.tokenkit.internal;

import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
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
 *
 * <p>A use is noted in the token's {@link UseSlot} (its cache entry); only a slot's first use after a flush puts
 * it into the pending map, so the per-verification cost is two field writes at most (issue 14).
 */
public final class LastUseRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LastUseRecorder.class);

  private final TokenStore store;
  private final ApiUseRecorder apiUses;
  /** Slots with a use not yet flushed, by token id (the latest slot of a token wins). */
  private final ConcurrentHashMap<String, UseSlot> pending = new ConcurrentHashMap<>();
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
    this.apiUses = new ApiUseRecorder(store);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tokenkit-last-use-flush");
      t.setDaemon(true);
      return t;
    });
    long ms = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * Notes a successful use; allocation-free unless the slot was clean (once per token per flush interval).
   *
   * @param slot the token's slot (its cache entry)
   * @param atMillis when, in epoch milliseconds
   * @param ip the client IP, or {@code null}
   */
  void record(UseSlot slot, long atMillis, String ip) {
    if (slot.note(atMillis, ip)) {
      UseSlot replaced = pending.put(slot.tokenId, slot);
      if (replaced != null && replaced != slot) {
        // an older cache entry of the same token: un-queue it, or its next use would never be queued again
        replaced.dequeue();
      }
    }
  }

  /**
   * Notes a successful use of an API (issue 19's unused-access report), flushed with the last uses.
   *
   * @param entry the token's cache entry
   * @param api the API the request was routed to
   * @param atMillis when, in epoch milliseconds
   */
  void recordApi(CachedToken entry, String api, long atMillis) {
    apiUses.record(entry, api, atMillis);
  }

  /**
   * The not yet flushed use of a token.
   *
   * @param tokenId the id
   * @return the use, or {@code null}
   */
  public LastUse pending(String tokenId) {
    UseSlot slot = pending.get(tokenId);
    return slot == null ? null : slot.snapshot();
  }

  /**
   * Writes all pending uses in one batch now, then the pending per-API uses in another.
   *
   * @return how many tokens were written (last use; the per-API batch is not counted)
   */
  public synchronized int flush() {
    int written = flushLastUses();
    apiUses.flush();
    return written;
  }

  private int flushLastUses() {
    if (pending.isEmpty()) {
      return 0;
    }
    // Keyed by id: the weakly consistent iteration may meet a token twice, and the store contract allows one entry
    // per token. A slot is marked clean before it is read, so a use noted meanwhile queues it again.
    Map<String, LastUse> byId = new HashMap<>();
    List<UseSlot> taken = new ArrayList<>();
    for (Map.Entry<String, UseSlot> e : pending.entrySet()) {
      UseSlot slot = e.getValue();
      if (pending.remove(e.getKey(), slot)) {
        slot.dequeue();
        taken.add(slot);
        byId.merge(slot.tokenId, slot.snapshot(), LastUseRecorder::later);
      }
    }
    List<LastUse> batch = new ArrayList<>(byId.values());
    long start = System.nanoTime();
    try {
      store.recordLastUse(batch);
    } catch (RuntimeException e) {
      for (UseSlot slot : taken) {
        if (slot.requeue()) {
          pending.putIfAbsent(slot.tokenId, slot);
        }
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
