package dev.tokenkit.internal;

import dev.tokenkit.spi.LastUse;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;

/**
 * The latest not yet flushed use of one token, kept in the token's cache entry ({@link CachedToken} extends this)
 * so that noting a use on the hot path is two field writes and, at most once per flush interval, one
 * compare-and-set plus one map put in {@link LastUseRecorder} (issue 14: no map get/put, no {@code Instant}, no
 * {@code LastUse} per verification).
 *
 * <p>Thread-safe. Time and IP are written separately, so under concurrent uses a flush may pair the time of one
 * use with the IP of another use of the same token in the same interval; both are real, recent uses.
 */
class UseSlot {
  private static final VarHandle QUEUED;

  static {
    try {
      QUEUED = MethodHandles.lookup().findVarHandle(UseSlot.class, "queued", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The token id; never {@code null}. */
  final String tokenId;
  /** Epoch milliseconds of the latest use; meaningful once queued. */
  private volatile long usedAtMillis;
  /** The client IP of the latest use, or {@code null}. */
  private volatile String usedIp;
  /** 1 while this slot waits in {@link LastUseRecorder}'s pending map, else 0. */
  @SuppressWarnings("unused") // accessed through QUEUED
  private volatile int queued;

  UseSlot(String tokenId) {
    this.tokenId = tokenId;
  }

  /**
   * Notes a use; returns {@code true} when the caller must queue this slot (it was not queued).
   *
   * @param atMillis when, in epoch milliseconds (the precision stores keep)
   * @param ip the client IP text, or {@code null}
   * @return whether this call moved the slot from clean to queued
   */
  final boolean note(long atMillis, String ip) {
    if (usedAtMillis == atMillis && java.util.Objects.equals(usedIp, ip)) {
      return false; // same millisecond, same IP: nothing new (the common case for a busy token)
    }
    usedIp = ip;
    usedAtMillis = atMillis;
    return (int) QUEUED.getVolatile(this) == 0 && QUEUED.compareAndSet(this, 0, 1);
  }

  /** Marks the slot clean before its values are read for a flush (a later use then queues it again). */
  final void dequeue() {
    QUEUED.setVolatile(this, 0);
  }

  /** Queues the slot again after a failed flush; {@code true} when the caller must put it back in the map. */
  final boolean requeue() {
    return QUEUED.compareAndSet(this, 0, 1);
  }

  /** The noted use as the store SPI value. */
  final LastUse snapshot() {
    return new LastUse(tokenId, Instant.ofEpochMilli(usedAtMillis), usedIp);
  }
}
