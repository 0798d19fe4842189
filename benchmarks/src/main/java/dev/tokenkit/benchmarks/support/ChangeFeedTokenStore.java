package dev.tokenkit.benchmarks.support;

import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.ForwardingTokenStore;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store whose change feed the benchmark drives: {@link #announceChange(String)} tells every subscribed
 * {@link dev.tokenkit.TokenService} that a token changed on "another node", exactly what a JDBI store's
 * {@code LISTEN/NOTIFY} feed does. The service then drops the token from its verification cache, so the next
 * verification takes the cold path (store read + stored hasher) without any write to the store.
 *
 * <p>Thread-safe. Example:
 *
 * <pre>{@code
 * ChangeFeedTokenStore store = new ChangeFeedTokenStore(new InMemoryTokenStore());
 * TokenService service = TokenService.builder().store(store).build();
 * store.announceChange(tokenId);     // next authenticate() of tokenId is a cache miss
 * }</pre>
 */
public final class ChangeFeedTokenStore extends ForwardingTokenStore {
  private final List<TokenChangeListener> listeners = new CopyOnWriteArrayList<>();

  /**
   * Wraps a store.
   *
   * @param delegate the real store; never {@code null}
   * @throws NullPointerException when {@code delegate} is {@code null}
   */
  public ChangeFeedTokenStore(TokenStore delegate) {
    super(delegate);
  }

  @Override
  public AutoCloseable subscribe(TokenChangeListener listener) {
    Objects.requireNonNull(listener, "listener");
    AutoCloseable inner = super.subscribe(listener);
    listeners.add(listener);
    return () -> {
      listeners.remove(listener);
      inner.close();
    };
  }

  /**
   * Announces that a token changed elsewhere, invalidating it in every subscribed service's cache.
   *
   * @param tokenId the token id; never {@code null}
   */
  public void announceChange(String tokenId) {
    for (TokenChangeListener l : listeners) {
      l.tokenChanged(tokenId);
    }
  }
}
