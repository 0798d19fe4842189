package dev.tokenkit.spi;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.TokenQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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
   * Revokes every token of an owner that is not revoked yet, as one store operation: each gets status
   * {@code REVOKED}, its version + 1 and {@code updatedAt = at} (what {@code withStatus(REVOKED).nextVersion(at)}
   * makes), and each change is announced on the change feed like an {@link #update}. Tokens revoked or deleted
   * meanwhile are skipped.
   *
   * <p>The default reads the owner's tokens page by page and revokes them one by one with {@link #update}
   * (compare-and-set, retried a few times on a lost race), i.e. a number of statements proportional to the
   * number of tokens. Stores that can do it in a constant number of statements override it (the JDBI store: one
   * locking read, one update, one change-log insert, one notify).
   *
   * <pre>{@code
   * List<String> ids = store.revokeAll("alice", Instant.now()); // what TokenService.revokeAll calls
   * }</pre>
   *
   * @param owner the owner; never {@code null}
   * @param at the revocation time (milliseconds), stored as each token's {@code updatedAt}; never {@code null}
   * @return the ids of the tokens this call revoked; never {@code null}
   * @throws dev.tokenkit.ConcurrentUpdateException when one token kept changing concurrently (default only)
   */
  default List<String> revokeAll(String owner, Instant at) {
    return RevokeAllByUpdates.revokeAll(this, owner, at);
  }

  /**
   * Appends several audit events. The default appends them one by one; a store may write them in one batch.
   *
   * @param events the events; never {@code null}
   */
  default void appendAudit(Collection<AuditEvent> events) {
    for (AuditEvent e : events) {
      appendAudit(e);
    }
  }

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
