package dev.tokenkit.quota;

import java.time.Instant;
import java.util.Objects;

/**
 * A token's usage quota: how many more requests it may make ({@code remaining}), the {@code amount} a reset (and
 * the optional {@code refill} schedule) restores, and when it was last set or refilled. Each request through the
 * filter uses one; at 0 the filter answers 429 until a refill or a reset. Immutable value.
 *
 * <pre>{@code
 * tokens.setQuota(admin, id, UsageQuota.of(1_000));                          // 1,000 uses, no refill
 * tokens.setQuota(admin, id, UsageQuota.refilled(100, RefillSchedule.DAILY)); // 100 a day
 * }</pre>
 *
 * @param remaining uses left, 0 to {@value #MAX}
 * @param amount what a reset or refill restores, 1 to {@value #MAX}
 * @param refill the refill schedule, or {@code null} for none (only a reset restores the amount)
 * @param refilledAt when the quota was last set, reset or refilled, or {@code null} before it was stored
 */
public record UsageQuota(long remaining, long amount, RefillSchedule refill, Instant refilledAt) {
  /** The largest amount. */
  public static final long MAX = 1_000_000_000_000L;

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException when out of range
   */
  public UsageQuota {
    if (amount < 1 || amount > MAX) {
      throw new IllegalArgumentException("quota amount must be between 1 and " + MAX + ", got " + amount);
    }
    if (remaining < 0 || remaining > MAX) {
      throw new IllegalArgumentException("remaining uses must be between 0 and " + MAX + ", got " + remaining);
    }
  }

  /**
   * {@code amount} uses, not refilled.
   *
   * @param amount 1 to {@value #MAX}
   * @return the quota, full
   */
  public static UsageQuota of(long amount) {
    return new UsageQuota(amount, amount, null, null);
  }

  /**
   * {@code amount} uses, refilled to {@code amount} on the schedule.
   *
   * @param amount 1 to {@value #MAX}
   * @param refill the schedule; never {@code null}
   * @return the quota, full
   */
  public static UsageQuota refilled(long amount, RefillSchedule refill) {
    return new UsageQuota(amount, amount, Objects.requireNonNull(refill, "refill"), null);
  }

  /**
   * Whether a refill is due at {@code now}: a schedule is set and the quota was last refilled before the current
   * period started.
   *
   * @param now the current time; never {@code null}
   * @return {@code true} when the next use refills first
   */
  public boolean refillDue(Instant now) {
    return refill != null && (refilledAt == null || refilledAt.isBefore(refill.periodStart(now)));
  }

  /**
   * The quota as it stands at {@code now}, a due refill applied (for display; stores apply it when a use is taken).
   *
   * @param now the current time; never {@code null}
   * @return this quota or its refilled copy
   */
  public UsageQuota asOf(Instant now) {
    return refillDue(now) ? new UsageQuota(amount, amount, refill, refill.periodStart(now)) : this;
  }

  /**
   * The quota after one use at {@code now}: a due refill first, then one less. For stores that keep quotas in
   * memory; SQL stores do the same in one conditional UPDATE.
   *
   * @param now the current time; never {@code null}
   * @return the quota after the use, or {@code null} when no use is left
   */
  public UsageQuota afterUse(Instant now) {
    UsageQuota current = asOf(now);
    if (current.remaining < 1) {
      return null;
    }
    return new UsageQuota(current.remaining - 1, amount, refill, current.refilledAt);
  }

  /**
   * A copy stamped with when it was set.
   *
   * @param at the time; never {@code null}
   * @return the copy
   */
  public UsageQuota setAt(Instant at) {
    return new UsageQuota(remaining, amount, refill, Objects.requireNonNull(at, "at"));
  }
}
