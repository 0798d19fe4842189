package dev.tokenkit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The verified-token cache (Caffeine, keyed by token id) with a negative cache for unknown ids. Concurrent cold
 * lookups of one id share one store read.
 *
 * <p>Refill race: a fill remembers the invalidation sequence before it reads the store, and its result is put
 * only if the id was not invalidated since; otherwise the store is read again. So a fill that read a row before
 * a revoke can never put the pre-revoke snapshot back after the revoke's invalidation.
 *
 * <p>Entries and unknown ids expire on the service's ticker ({@link TimeSource#ticker()}), so they follow its clock.
 * The invalidation journal that guards refills runs on real time ({@link Ticker#systemTicker()}) on purpose: it
 * must outlive any in-flight store read however a test moves the clock.
 */
public final class VerificationCache {
  private static final int FILL_ATTEMPTS = 3;

  /** Keyed by {@link IdKey} (issue 14: looked up with a per-thread probe, no {@code String} per verification). */
  private final Cache<IdKey, CachedToken> entries;
  private final Cache<String, Boolean> unknown;
  private final Cache<String, Long> invalidations;
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentHashMap<String, CompletableFuture<SharedRead>> inFlight = new ConcurrentHashMap<>();
  private volatile long allInvalidatedAt;

  /**
   * Creates the cache.
   *
   * @param ttl how long an entry lives (the backstop for missed change notifications)
   * @param maximumSize the most entries kept
   * @param negativeTtl how long an unknown id is remembered
   * @param ticker the time source of both expiries
   */
  public VerificationCache(Duration ttl, long maximumSize, Duration negativeTtl, Ticker ticker) {
    this.entries = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(ttl).maximumSize(maximumSize).recordStats()
        .build();
    this.unknown = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(negativeTtl).maximumSize(100_000).build();
    // Longer than any store read can take, so an in-flight fill always sees a newer invalidation.
    this.invalidations = Caffeine.newBuilder().expireAfterWrite(ttl.plus(Duration.ofMinutes(10))).build();
  }

  /**
   * The cached entry for an id.
   *
   * @param id the id
   * @return the entry, or {@code null}
   */
  public CachedToken get(String id) {
    IdKey key = IdKey.of(id);
    return key == null ? null : entries.getIfPresent(key);
  }

  /**
   * The cached entry for the id in a presented token (the hot path: no allocation).
   *
   * @param presented this thread's read of the presented token
   * @return the entry, or {@code null}
   */
  CachedToken get(PresentedToken presented) {
    return entries.getIfPresent(presented.id);
  }

  /**
   * Whether the id was recently found not to exist.
   *
   * @param id the id
   * @return {@code true} if negatively cached
   */
  public boolean isKnownUnknown(String id) {
    return unknown.getIfPresent(id) != null;
  }

  /**
   * Reads a token from the store and caches it, safely against concurrent invalidation.
   *
   * @param id the id
   * @param reader reads the store (may throw when it is unavailable)
   * @param factory builds the entry
   * @return the entry, or {@code null} when no such token
   */
  public CachedToken load(String id, Function<String, Optional<StoredToken>> reader,
      Function<StoredToken, CachedToken> factory) {
    CachedToken fresh = null;
    for (int attempt = 0; attempt < FILL_ATTEMPTS; attempt++) {
      SharedRead shared = read(id, reader, sequence.get());
      long start = shared.start();
      Optional<StoredToken> read = shared.token();
      if (read.isEmpty()) {
        if (!invalidatedSince(id, start)) {
          unknown.put(id, Boolean.TRUE);
        }
        return null;
      }
      CachedToken candidate = factory.apply(read.get());
      fresh = candidate;
      IdKey key = IdKey.of(id);
      if (key == null) {
        return fresh; // not a token id the codec produces, so never looked up in the cache: use once
      }
      // put unless invalidated since the read began; compute returns what the map now holds
      if (entries.asMap().compute(key, (k, old) -> invalidatedSince(id, start) ? old : candidate) == candidate) {
        return fresh;
      }
    }
    return fresh; // read after the latest invalidation we saw; used once, not cached
  }

  /**
   * Reads the store, sharing one read among concurrent callers for the same id. A caller joins a read in flight
   * only if it began after every invalidation the caller has seen ({@code notBefore}); otherwise it reads on its
   * own. The shared read's start sequence goes back with the data, so the refill guard judges it by when it was
   * read.
   */
  private SharedRead read(String id, Function<String, Optional<StoredToken>> reader, long notBefore) {
    CompletableFuture<SharedRead> mine = new CompletableFuture<>();
    CompletableFuture<SharedRead> running = inFlight.putIfAbsent(id, mine);
    if (running != null) {
      SharedRead joined;
      try {
        joined = running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
      if (joined.start() >= notBefore) {
        return joined;
      }
      return new SharedRead(sequence.get(), reader.apply(id)); // began too early for this caller
    }
    SharedRead r;
    try {
      r = new SharedRead(sequence.get(), reader.apply(id));
    } catch (RuntimeException e) {
      inFlight.remove(id, mine);
      mine.completeExceptionally(e);
      throw e;
    }
    inFlight.remove(id, mine); // before completing: nobody joins a read that has already returned
    mine.complete(r);
    return r;
  }

  /** One store read and the invalidation sequence before it began. */
  private record SharedRead(long start, Optional<StoredToken> token) {}

  private boolean invalidatedSince(String id, long start) {
    if (allInvalidatedAt > start) {
      return true;
    }
    Long at = invalidations.getIfPresent(id);
    return at != null && at > start;
  }

  /**
   * Drops one id (changed locally or reported by the change feed).
   *
   * @param id the id
   */
  public void invalidate(String id) {
    invalidations.put(id, sequence.incrementAndGet());
    IdKey key = IdKey.of(id);
    if (key != null) {
      entries.invalidate(key);
    }
    unknown.invalidate(id);
  }

  /** Drops everything (e.g. the change feed may have missed events). */
  public void invalidateAll() {
    allInvalidatedAt = sequence.incrementAndGet();
    entries.invalidateAll();
    unknown.invalidateAll();
  }

  /**
   * A change-feed listener that invalidates this cache.
   *
   * @return the listener
   */
  public TokenChangeListener changeListener() {
    return new TokenChangeListener() {
      @Override
      public void tokenChanged(String tokenId) {
        invalidate(tokenId);
      }

      @Override
      public void allChanged() {
        invalidateAll();
      }
    };
  }

  /**
   * The number of cached tokens (approximate), for {@code TokenService#statistics()}.
   *
   * @return the size
   */
  public long size() {
    return entries.estimatedSize();
  }

  /**
   * Lookups by {@link #get} that found an entry, since creation.
   *
   * @return the count
   */
  public long hitCount() {
    return entries.stats().hitCount();
  }

  /**
   * Lookups by {@link #get} that found none, since creation.
   *
   * @return the count
   */
  public long missCount() {
    return entries.stats().missCount();
  }
}
