package dev.tokenkit.benchmarks.support;

import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.ForwardingTokenStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A store that counts last-use writes: every {@link #recordLastUse(Collection)} call (one flush of the service's
 * write-behind recorder) is logged with how many entries it wrote and the most entries any single token got in
 * it, then forwarded to the real store.
 *
 * <p>Thread-safe. Example:
 *
 * <pre>{@code
 * CountingTokenStore store = new CountingTokenStore(new InMemoryTokenStore());
 * ... authenticate a lot, wait for flushes ...
 * List<CountingTokenStore.Flush> flushes = store.flushes();
 * }</pre>
 */
public final class CountingTokenStore extends ForwardingTokenStore {
  private final List<Flush> flushes = new ArrayList<>();

  /**
   * Wraps a store.
   *
   * @param delegate the real store; never {@code null}
   * @throws NullPointerException when {@code delegate} is {@code null}
   */
  public CountingTokenStore(TokenStore delegate) {
    super(delegate);
  }

  @Override
  public void recordLastUse(Collection<LastUse> uses) {
    Map<String, Integer> perToken = new HashMap<>();
    int max = 0;
    for (LastUse u : uses) {
      max = Math.max(max, perToken.merge(u.tokenId(), 1, Integer::sum));
    }
    super.recordLastUse(uses);
    synchronized (flushes) {
      flushes.add(new Flush(System.nanoTime(), uses.size(), perToken.size(), max));
    }
  }

  /**
   * The flushes seen so far, oldest first.
   *
   * @return a copy
   */
  public List<Flush> flushes() {
    synchronized (flushes) {
      return List.copyOf(flushes);
    }
  }

  /**
   * One {@code recordLastUse} call.
   *
   * @param atNanos {@link System#nanoTime()} when it was written
   * @param entries how many last-use entries (store row writes) it carried
   * @param distinctTokens how many distinct tokens they were for
   * @param maxPerToken the most entries for one token in this call (1 means coalesced)
   */
  public record Flush(long atNanos, int entries, int distinctTokens, int maxPerToken) {}
}
