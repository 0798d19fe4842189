package dev.tokenkit.signature;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tokenkit.internal.TimeSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This node's memory of accepted nonces: bounded (oldest evicted first when full), each entry kept until its
 * signature's acceptance window closes, on a Caffeine ticker derived from the verifier's clock.
 */
final class LocalNonceCache implements NonceGuard {
  private final Clock clock;
  private final Cache<String, Instant> seen;

  LocalNonceCache(Clock clock, long maximumSize) {
    this.clock = clock;
    this.seen = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .ticker(new TimeSource(clock).ticker())
        .expireAfter(new Expiry<String, Instant>() {
          @Override
          public long expireAfterCreate(String key, Instant until, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), until).toNanos());
          }

          @Override
          public long expireAfterUpdate(String key, Instant until, long currentTime, long currentDuration) {
            return expireAfterCreate(key, until, currentTime);
          }

          @Override
          public long expireAfterRead(String key, Instant until, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  @Override
  public boolean firstUse(String keyId, String nonce, Instant rememberUntil) {
    String key = keyId.length() + ":" + keyId + nonce;
    Instant previous = seen.asMap().putIfAbsent(key, rememberUntil);
    if (previous == null) {
      return true;
    }
    // an entry whose window has closed but that Caffeine has not evicted yet does not count
    return !previous.isAfter(clock.instant()) && seen.asMap().replace(key, previous, rememberUntil);
  }
}
