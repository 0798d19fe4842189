package dev.tokenkit.spi;

/**
 * Receives the ids of tokens changed elsewhere (another node, another service instance) so verification caches
 * can drop them. Called from the store's threads; must be fast and thread-safe.
 */
@FunctionalInterface
public interface TokenChangeListener {
  /**
   * A token changed (updated, rotated, disabled, enabled, revoked or deleted).
   *
   * @param tokenId the id
   */
  void tokenChanged(String tokenId);

  /** The store may have missed changes (e.g. after a reconnect): drop every cached token. */
  default void allChanged() {}
}
