package dev.tokenkit.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** When a {@link UsageQuota} is refilled to its amount: at the start of each UTC day or UTC month. */
public enum RefillSchedule {
  /** At 00:00 UTC every day. */
  DAILY,
  /** At 00:00 UTC on the first day of every month. */
  MONTHLY;

  /**
   * The start of the period that contains {@code now}: the quota is due for a refill when it was last refilled
   * before this instant.
   *
   * @param now the current time; never {@code null}
   * @return 00:00 UTC of today ({@link #DAILY}) or of the month's first day ({@link #MONTHLY})
   */
  public Instant periodStart(Instant now) {
    LocalDate day = LocalDate.ofInstant(Objects.requireNonNull(now, "now"), ZoneOffset.UTC);
    LocalDate start = this == DAILY ? day : day.withDayOfMonth(1);
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
