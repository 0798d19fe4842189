package dev.tokenkit.internal;

import dev.tokenkit.spi.ApiUse;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Write-behind per-API last use (issue 19's unused-access report), flushed with the last-use batch: a token's use of
 * an API is noted in a slot kept on its cache entry, and only the slot's first use after a flush queues it, so a
 * token and API cost at most one store write per flush interval. Does nothing on a store that does not keep
 * per-API uses. Thread-safe.
 */
final class ApiUseRecorder {
  private final TokenStore store;
  private final boolean enabled;
  private final Queue<Slot> pending = new ConcurrentLinkedQueue<>();

  ApiUseRecorder(TokenStore store) {
    this.store = store;
    this.enabled = store.recordsApiUse();
  }

  /** One token's use of one API. */
  static final class Slot {
    final String tokenId;
    final String api;
    volatile long atMillis;
    final AtomicBoolean queued = new AtomicBoolean();

    Slot(String tokenId, String api) {
      this.tokenId = tokenId;
      this.api = api;
    }
  }

  /** Notes a use; allocation-free once the entry has a slot for the API and the slot is queued. */
  void record(CachedToken entry, String api, long atMillis) {
    if (!enabled) {
      return;
    }
    Slot slot = entry.apiSlots.get(api);
    if (slot == null) {
      slot = entry.apiSlots.computeIfAbsent(api, a -> new Slot(entry.tokenId, a));
    }
    if (atMillis > slot.atMillis) {
      slot.atMillis = atMillis;
    }
    if (!slot.queued.get() && slot.queued.compareAndSet(false, true)) {
      pending.add(slot);
    }
  }

  /** Writes the queued uses in one batch; on failure they are queued again. Returns how many were written. */
  int flush() {
    if (pending.isEmpty()) {
      return 0;
    }
    Map<String, ApiUse> batch = new HashMap<>();
    List<Slot> taken = new ArrayList<>();
    for (Slot s; (s = pending.poll()) != null; ) {
      s.queued.set(false);
      taken.add(s);
      ApiUse use = new ApiUse(s.tokenId, s.api, Instant.ofEpochMilli(s.atMillis));
      batch.merge(s.tokenId + '\n' + s.api, use, (a, b) -> b.at().isAfter(a.at()) ? b : a);
    }
    try {
      store.recordApiUse(new ArrayList<>(batch.values()));
    } catch (RuntimeException e) {
      for (Slot s : taken) {
        if (s.queued.compareAndSet(false, true)) {
          pending.add(s);
        }
      }
      throw e;
    }
    return batch.size();
  }
}
