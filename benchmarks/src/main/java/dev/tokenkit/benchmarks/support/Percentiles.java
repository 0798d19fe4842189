package dev.tokenkit.benchmarks.support;

import java.util.Arrays;
import java.util.Locale;

/** Nanosecond samples and their percentiles, for the plain-main harnesses. Not thread-safe. */
public final class Percentiles {
  private long[] samples = new long[1024];
  private int count;

  /**
   * Adds a sample.
   *
   * @param nanos the duration in nanoseconds
   */
  public void add(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  /**
   * A percentile (nearest rank).
   *
   * @param p 0 to 100
   * @return the sample at that rank, in nanoseconds
   */
  public long percentile(double p) {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
  }

  /**
   * The sample count.
   *
   * @return how many samples
   */
  public int count() {
    return count;
  }

  /**
   * p50, p99 and max in milliseconds, and the count.
   *
   * @return a one-line summary
   */
  public String summary() {
    return String.format(Locale.ROOT, "p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms  (n=%d)", percentile(50) / 1e6,
        percentile(99) / 1e6, percentile(100) / 1e6, count);
  }
}
