package dev.tokenkit.jdbi;

import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.testkit.ForwardingTokenStore;

/**
 * Forwards everything except the change feed (the SPI default: no feed) and close (the test closes the real
 * store). For control experiments.
 */
class NoFeedStore extends ForwardingTokenStore {
  NoFeedStore(TokenStore delegate) {
    super(delegate);
  }

  @Override
  public AutoCloseable subscribe(TokenChangeListener listener) {
    return () -> {};
  }

  @Override
  public void close() {
    // the real store belongs to the test
  }
}
