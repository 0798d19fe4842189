package dev.tokenkit.spi;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.TokenQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Persistence of tokens and audit events. Every implementation must pass the store contract test kit
 * ({@code dev.tokenkit.testkit.TokenStoreContract} in token-core's test jar). Implementations are thread-safe,
 * and throw {@link dev.tokenkit.StoreUnavailableException} when the backing storage cannot be reached.
 *
 * <p>Listings are newest first ({@code createdAt} desc, then id desc) with keyset paging via
 * {@link PageCursor}; never OFFSET.
 */
public interface TokenStore extends AutoCloseable {

  /**
   * Inserts a new token.
   *
   * @param token the token (version 0)
   * @throws dev.tokenkit.DuplicateTokenException when the owner already has a token with that name
   */
  void insert(StoredToken token);

  /**
   * Finds a token by id.
   *
   * @param id the id
   * @return the token, or empty
   */
  Optional<StoredToken> findById(String id);

  /**
   * Replaces a token if its stored version is still {@code expectedVersion} (compare-and-set). The new value's
   * version must be {@code expectedVersion + 1} (what {@link dev.tokenkit.Token#nextVersion} makes). Last-use
   * fields are not written by this call.
   *
   * @param token the new value
   * @param expectedVersion the version the caller read
   * @throws dev.tokenkit.TokenNotFoundException when no token has the id
   * @throws dev.tokenkit.ConcurrentUpdateException when the stored version differs
   * @throws dev.tokenkit.DuplicateTokenException when a rename collides with another token of the owner
   */
  void update(StoredToken token, long expectedVersion);

  /**
   * Deletes a token permanently (its audit events stay).
   *
   * @param id the id
   * @return {@code true} if it existed
   */
  boolean delete(String id);

  /**
   * Lists tokens, newest first. Status filters apply to the effective status at {@code now}.
   *
   * @param query filters and paging
   * @param now the instant that decides EXPIRED
   * @return one page
   */
  Page<StoredToken> list(TokenQuery query, Instant now);

  /**
   * Records last uses in one batch: one write per token, and only moving forward in time. Does not change
   * versions.
   *
   * @param uses at most one entry per token
   */
  void recordLastUse(Collection<LastUse> uses);

  /**
   * Appends an audit event.
   *
   * @param event the event
   */
  void appendAudit(AuditEvent event);

  /**
   * Lists audit events, newest first ({@code at} desc, then id desc).
   *
   * @param query filters and paging
   * @return one page
   */
  Page<AuditEvent> listAudit(AuditQuery query);

  /**
   * Subscribes to changes made through other instances sharing this store (the multi-node change feed). The
   * default has no feed: caches then rely on their TTL.
   *
   * @param listener receives changed ids
   * @return closes the subscription
   */
  default AutoCloseable subscribe(TokenChangeListener listener) {
    return () -> {};
  }

  /** Releases resources. The default does nothing. */
  @Override
  default void close() {}
}
