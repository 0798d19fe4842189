package dev.tokenkit.servlet.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokenkit.IpAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed authentications per client address, in fixed windows: once an address has had {@code maxFailures}
 * rejected tokens in the current window, its requests are refused with 429 until the window ends, whatever
 * other addresses do (a flood from elsewhere never blocks a client). Refusals are answered after a short delay
 * on a timer, not on a request thread, so a flooding keep-alive connection gets about one answer per delay
 * instead of thousands per second. Bounded: at most 100,000 addresses are tracked (least recently used dropped)
 * and at most {@link #MAX_DELAYED} refusals wait at once (beyond that they are answered at once). Thread-safe.
 */
public final class FailedAuthentications implements AutoCloseable {
  /** The most refusals that wait for their delay at the same time. */
  public static final int MAX_DELAYED = 10_000;

  private final int maxFailures;
  private final long windowNanos;
  private final Duration delay;
  private final Cache<IpAddress, Window> windows;
  private final ScheduledExecutorService timer;
  private final AtomicInteger delayed = new AtomicInteger();

  /**
   * Creates the counter.
   *
   * @param maxFailures failed authentications an address may have per window, at least 1
   * @param window the window length, at least one second
   * @param delay how long a refusal waits before it is answered; zero answers at once
   */
  public FailedAuthentications(int maxFailures, Duration window, Duration delay) {
    this.maxFailures = maxFailures;
    this.windowNanos = window.toNanos();
    this.delay = Objects.requireNonNull(delay, "delay");
    this.windows = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window.multipliedBy(2)).build();
    this.timer = delay.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tokenkit-failed-auth-delay");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Whether the address has used up its failures in the current window.
   *
   * @param ip the client address, or {@code null} (never blocked)
   * @return the seconds until the window ends (at least 1) when blocked, else 0
   */
  public long blockedForSeconds(IpAddress ip) {
    Window w = ip == null ? null : windows.getIfPresent(ip);
    if (w == null) {
      return 0;
    }
    long now = System.nanoTime();
    synchronized (w) {
      long left = w.start + windowNanos - now;
      if (left <= 0 || w.count < maxFailures) {
        return 0;
      }
      return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L));
    }
  }

  /**
   * Counts one rejected token from the address.
   *
   * @param ip the client address, or {@code null} (not counted)
   */
  public void recordFailure(IpAddress ip) {
    if (ip == null) {
      return;
    }
    long now = System.nanoTime();
    Window w = windows.get(ip, k -> new Window(now));
    synchronized (w) {
      if (now - w.start >= windowNanos) {
        w.start = now;
        w.count = 0;
      }
      if (w.count < Integer.MAX_VALUE) {
        w.count++;
      }
    }
  }

  /**
   * Runs an answer after the configured delay on the timer, or at once when there is no delay or too many
   * answers already wait.
   *
   * @param answer writes and completes the response
   * @return {@code true} when the answer was scheduled (the caller must keep the request open, e.g. async)
   */
  public boolean later(Runnable answer) {
    if (timer == null || delayed.incrementAndGet() > MAX_DELAYED) {
      if (timer != null) {
        delayed.decrementAndGet();
      }
      return false;
    }
    timer.schedule(() -> {
      try {
        answer.run();
      } finally {
        delayed.decrementAndGet();
      }
    }, delay.toNanos(), TimeUnit.NANOSECONDS);
    return true;
  }

  /** @return the delay before a refusal is answered */
  public Duration delay() {
    return delay;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** One address's current window. Guarded by its own monitor. */
  private static final class Window {
    long start;
    int count;

    Window(long start) {
      this.start = start;
    }
  }
}
