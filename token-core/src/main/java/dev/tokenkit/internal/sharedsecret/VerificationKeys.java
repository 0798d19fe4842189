package dev.tokenkit.internal.sharedsecret;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.sharedsecret.KeyRing;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredSharedSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decrypted shared-secret values for signature verification, cached per id (unknown ids too) for a TTL on a
 * ticker derived from the service clock, and dropped at once when a change is announced. Thread-safe.
 */
final class VerificationKeys {
  /** The decrypted values of one secret; empty {@code current} means "no such secret". */
  private record Entry(byte[] current, byte[] previous, Instant previousValidUntil) {}

  private static final Entry MISSING = new Entry(null, null, null);

  private final SharedSecretStore store;
  private final KeyRing keyRing;
  private final Clock clock;
  private final Cache<String, Entry> cache;

  VerificationKeys(SharedSecretStore store, KeyRing keyRing, TimeSource time, Duration ttl) {
    this.store = store;
    this.keyRing = keyRing;
    this.clock = time.clock();
    this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).ticker(time.ticker()).build();
  }

  /** The keys that verify signatures naming {@code id}: current first, then the previous one during overlap. */
  List<byte[]> keys(String id) {
    Entry e = cache.get(id, this::load);
    if (e.current() == null) {
      return List.of();
    }
    if (e.previous() != null && clock.instant().isBefore(e.previousValidUntil())) {
      return List.of(e.current(), e.previous());
    }
    return List.of(e.current());
  }

  private Entry load(String id) {
    Optional<StoredSharedSecret> found = store.findSharedSecret(id);
    if (found.isEmpty()) {
      return MISSING;
    }
    StoredSharedSecret s = found.get();
    byte[] current = keyRing.decrypt(s.ciphertext(), id);
    byte[] previous = s.previousCiphertext() == null || s.sharedSecret().previousValidUntil() == null
        ? null : keyRing.decrypt(s.previousCiphertext(), id);
    return new Entry(current, previous, s.sharedSecret().previousValidUntil());
  }

  void invalidate(String id) {
    cache.invalidate(id);
  }

  void invalidateAll() {
    cache.invalidateAll();
  }
}
