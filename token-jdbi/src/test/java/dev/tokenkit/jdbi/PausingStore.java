package dev.tokenkit.jdbi;

import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.ForwardingTokenStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store whose next {@code findById} pauses after it has read the row, until released; and whose change
 * listeners report when an id was delivered. Lets a test put another node's change exactly between a cache
 * fill's read and its put.
 */
final class PausingStore extends ForwardingTokenStore {
  final CountDownLatch readDone = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean armed;
  private volatile String awaitedId;
  private volatile CountDownLatch delivered = new CountDownLatch(1);
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

  PausingStore(TokenStore delegate) {
    super(delegate);
  }

  void pauseNextRead() {
    armed = true;
  }

  /**
   * The latch that opens once the change feed has delivered a change of {@code id} to the service's listener while
   * the token is revoked in the store: a late notification of an earlier change (the issue) does not open it.
   */
  CountDownLatch deliveredLatch(String id) {
    awaitedId = id;
    delivered = new CountDownLatch(1);
    return delivered;
  }

  /** How often the change feed has delivered {@code id} to the service's first listener (its cache). */
  int deliveries(String id) {
    AtomicInteger n = deliveries.get(id);
    return n == null ? 0 : n.get();
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    Optional<StoredToken> read = super.findById(id);
    if (armed) {
      armed = false;
      readDone.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test never released the paused read");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return read;
  }

  private boolean revoked(String id) {
    return delegate().findById(id).map(t -> t.token().status() == TokenStatus.REVOKED).orElse(true);
  }

  @Override
  public AutoCloseable subscribe(TokenChangeListener listener) {
    // the service subscribes its verification cache first; only deliveries to it are counted
    boolean cache = subscriptions.getAndIncrement() == 0;
    return super.subscribe(new TokenChangeListener() {
      @Override
      public void tokenChanged(String tokenId) {
        listener.tokenChanged(tokenId); // the service invalidates its cache here, synchronously
        if (!cache) {
          return;
        }
        deliveries.computeIfAbsent(tokenId, k -> new AtomicInteger()).incrementAndGet();
        if (tokenId.equals(awaitedId) && revoked(tokenId)) {
          delivered.countDown();
        }
      }

      @Override
      public void allChanged() {
        listener.allChanged();
      }
    });
  }
}
