package dev.tokenkit.servlet.leaks;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the SHA-256 of each accepted report body for a window, so a captured report cannot be sent again. A body
 * is claimed while it is handled and released when handling failed (the store was down), so the scanner's retry is
 * not mistaken for a replay. Bounded: when full, expired entries are dropped first, then the claim is refused
 * (the scanner retries later). Thread-safe.
 */
final class ReplayGuard {
  private final Clock clock;
  private final long windowMillis;
  private final int maximumSize;
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  ReplayGuard(Clock clock, Duration window, int maximumSize) {
    this.clock = clock;
    this.windowMillis = window.toMillis();
    this.maximumSize = maximumSize;
  }

  /** What a claim found. */
  enum Claim {
    /** First sight of the body in the window. */
    FIRST,
    /** The body was seen within the window. */
    REPLAY,
    /** Too many bodies remembered; try again later. */
    FULL
  }

  Claim claim(String bodyDigest) {
    long now = clock.millis();
    if (seen.size() >= maximumSize) {
      dropExpired(now);
      if (seen.size() >= maximumSize) {
        return Claim.FULL;
      }
    }
    Long until = seen.putIfAbsent(bodyDigest, now + windowMillis);
    if (until == null) {
      return Claim.FIRST;
    }
    if (until <= now && seen.replace(bodyDigest, until, now + windowMillis)) {
      return Claim.FIRST;
    }
    return Claim.REPLAY;
  }

  void release(String bodyDigest) {
    seen.remove(bodyDigest);
  }

  private void dropExpired(long now) {
    for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
      if (it.next() <= now) {
        it.remove();
      }
    }
  }
}
