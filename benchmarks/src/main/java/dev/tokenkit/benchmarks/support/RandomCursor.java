package dev.tokenkit.benchmarks.support;

/**
 * A cheap pseudo-random index sequence (xorshift64*) for picking which token to verify next, so that
 * benchmarks spread over a whole token set instead of hitting one hot entry. A few nanoseconds per call.
 *
 * <p>Not thread-safe: give each benchmark thread its own. Example:
 *
 * <pre>{@code
 * RandomCursor cursor = new RandomCursor(Thread.currentThread().getId());
 * String next = fixture.raw(cursor.next(fixture.size()));
 * }</pre>
 */
public final class RandomCursor {
  private long state;

  /**
   * A sequence from a seed.
   *
   * @param seed any value (0 is replaced by a constant)
   */
  public RandomCursor(long seed) {
    this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  /**
   * The next index.
   *
   * @param bound exclusive upper bound, positive
   * @return an index in {@code [0, bound)}
   */
  public int next(int bound) {
    long x = state;
    x ^= x >>> 12;
    x ^= x << 25;
    x ^= x >>> 27;
    state = x;
    return (int) (((x * 0x2545F4914F6CDD1DL) >>> 33) % bound);
  }
}
