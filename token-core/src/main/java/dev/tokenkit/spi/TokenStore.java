package dev.tokenkit.spi;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.quota.UsageQuota;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Consumer;

/**
 * Persistence of tokens and audit events. Every implementation must pass the store contract test kit
 * ({@code dev.tokenkit.testkit.TokenStoreContract} in token-core's test jar). Implementations are thread-safe,
 * and throw {@link StoreUnavailableException} when the backing storage cannot be reached.
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
   * Inserts a new token and the audit event of its issue, together: both are stored or neither. The built-in stores
   * do it in one transaction (SQL) or one atomic step (memory). The default, for stores written before this method,
   * inserts and then appends; when the append fails the token is already stored and the caller still gets the
   * error, so such stores should override all three event-carrying methods.
   *
   * @param token the token (version 0)
   * @param event the audit event of the change
   * @throws dev.tokenkit.DuplicateTokenException when the owner already has a token with that name (nothing stored)
   * @throws StoreUnavailableException when the change or its event cannot be stored
   */
  default void insert(StoredToken token, AuditEvent event) {
    insert(token);
    appendAuditOf(event);
  }

  /**
   * {@link #update(StoredToken, long)} and the audit event of the change, together: both are stored or neither
   * (see {@link #insert(StoredToken, AuditEvent)} for the default's limits).
   *
   * @param token the new value
   * @param expectedVersion the version the caller read
   * @param event the audit event of the change
   * @throws dev.tokenkit.TokenNotFoundException when no token has the id (nothing stored)
   * @throws dev.tokenkit.ConcurrentUpdateException when the stored version differs (nothing stored)
   * @throws dev.tokenkit.DuplicateTokenException when a rename collides with another token of the owner
   * @throws StoreUnavailableException when the change or its event cannot be stored
   */
  default void update(StoredToken token, long expectedVersion, AuditEvent event) {
    update(token, expectedVersion);
    appendAuditOf(event);
  }

  /**
   * {@link #delete(String)} and the audit event of the deletion, together: both are stored or neither (see
   * {@link #insert(StoredToken, AuditEvent)} for the default's limits).
   *
   * @param id the id
   * @param event the audit event, stored only when the token existed
   * @return {@code true} if it existed
   * @throws StoreUnavailableException when the deletion or its event cannot be stored
   */
  default boolean delete(String id, AuditEvent event) {
    if (!delete(id)) {
      return false;
    }
    appendAuditOf(event);
    return true;
  }

  private void appendAuditOf(AuditEvent event) {
    try {
      appendAudit(event);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("The audit event " + event.type() + " of token "
          + event.tokenId() + " could not be stored; the store does not write changes and events atomically", e);
    }
  }

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
   * Revokes every token of an owner that is not revoked yet, as one store operation, and stores each revocation's
   * audit event with it (both or neither, as {@link #update(StoredToken, long, AuditEvent)}): each token gets
   * status {@code REVOKED}, its version + 1 and {@code updatedAt = at} (what
   * {@code withStatus(REVOKED).nextVersion(at)} makes), and each change is announced on the change feed like an
   * {@link #update}. Tokens revoked or deleted meanwhile are skipped.
   *
   * <p>The default reads the owner's tokens page by page and revokes them one by one with
   * {@link #update(StoredToken, long, AuditEvent)} (compare-and-set, retried a few times on a lost race), i.e. a
   * number of statements proportional to the number of tokens. Stores that can do it in a constant number of
   * statements override it (the JDBI store: one transaction with one locking read, one update, one batched audit
   * insert, one change-log insert and one notify).
   *
   * <pre>{@code
   * List<String> ids = store.revokeAll("alice", now, id -> audit.event(REVOKED, id, actor, null));
   * }</pre>
   *
   * @param owner the owner; never {@code null}
   * @param at the revocation time (milliseconds), stored as each token's {@code updatedAt}; never {@code null}
   * @param eventFor the audit event of one revoked token, by id; may be called again for an id when the store
   *     retries; never {@code null}
   * @return the ids of the tokens this call revoked; never {@code null}
   * @throws dev.tokenkit.ConcurrentUpdateException when one token kept changing concurrently (default only)
   * @throws StoreUnavailableException when the changes or their events cannot be stored
   */
  default List<String> revokeAll(String owner, Instant at, Function<String, AuditEvent> eventFor) {
    return RevokeAllByUpdates.revokeAll(this, owner, at, eventFor);
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
   * Whether this store keeps the last use of each API per token ({@link #recordApiUse}, {@link #apiUses}); the
   * unused-access report refuses to run on a store that does not, rather than call every grant unused. The default
   * is {@code false}; the built-in stores return {@code true}.
   *
   * @return whether per-API last uses are kept
   */
  default boolean recordsApiUse() {
    return false;
  }

  /**
   * Records per-API last uses in one batch (written behind, like {@link #recordLastUse}): at most one entry per token
   * and API, each only moving forward in time; uses of tokens that no longer exist are ignored; versions do not
   * change. The default does nothing (see {@link #recordsApiUse()}).
   *
   * @param uses the uses; never {@code null}
   */
  default void recordApiUse(Collection<ApiUse> uses) {}

  /**
   * The recorded per-API last uses of some tokens (deleting a token deletes its uses).
   *
   * @param tokenIds the tokens; never {@code null}
   * @return one entry per token and API used, in any order; never {@code null}
   */
  default List<ApiUse> apiUses(Collection<String> tokenIds) {
    return List.of();
  }

  /**
   * Appends an audit event on its own: authentication failures (best-effort). Management changes store their
   * events with the change ({@link #insert(StoredToken, AuditEvent)}, {@link #update(StoredToken, long,
   * AuditEvent)}, {@link #delete(String, AuditEvent)}).
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
   * Hands the id of every stored token to {@code action}, in any order: the service keeps a set of existing ids so
   * that a flood of well-formed tokens with random ids is refused without a store read per request. Called at
   * start-up and then periodically, off the request path. The default pages through {@link #list}; SQL stores
   * override it with an id-only scan.
   *
   * @param action receives each id
   * @throws StoreUnavailableException when the store cannot be read
   */
  default void forEachId(Consumer<String> action) {
    TokenQuery q = TokenQuery.all().withLimit(TokenQuery.MAX_LIMIT);
    Page<StoredToken> page;
    do {
      page = list(q, Instant.EPOCH);
      page.items().forEach(s -> action.accept(s.id()));
      q = q.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
  }

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

  /**
   * The store of shared secrets (integration secrets that sign requests and webhooks) kept with these tokens.
   * The default has none: shared-secret operations then fail with a message saying so.
   *
   * @return the shared-secret store, or empty when this store does not keep shared secrets
   */
  default Optional<SharedSecretStore> sharedSecrets() {
    return Optional.empty();
  }

  /**
   * Takes one use of the token's usage quota, atomically: a refill that is due (see
   * {@link UsageQuota#refillDue(Instant)}) first, then one less; never below 0, never more uses than the quota
   * across concurrent callers and nodes. SQL stores do it in one conditional UPDATE. The default has no quotas.
   *
   * @param id the token id
   * @param now the current time (for refills)
   * @return {@code true} when a use was taken or the token has no quota; {@code false} when none is left (or the
   *     token no longer exists)
   * @throws UnsupportedOperationException when the store has no quotas (the default)
   * @throws dev.tokenkit.StoreUnavailableException when the store cannot be reached
   */
  default boolean consumeUse(String id, Instant now) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support usage quotas; use the "
        + "in-memory or the JDBI store, or implement TokenStore.consumeUse and setQuota");
  }

  /**
   * Sets, resets or removes the usage quota of a token as a management change: compare-and-set on the version
   * like {@link #update(StoredToken, long, AuditEvent)}, with its change-feed entry and audit event in the same
   * transaction. Only the version, {@code updatedAt} and the quota ({@code token.quota()}, {@code null} removes
   * it) are written.
   *
   * @param token the token with its next version and quota
   * @param expectedVersion the version the caller read
   * @param event the audit event to store with the change
   * @throws dev.tokenkit.TokenNotFoundException when the token does not exist
   * @throws dev.tokenkit.ConcurrentUpdateException when the version does not match
   * @throws UnsupportedOperationException when the store has no quotas (the default)
   */
  default void setQuota(StoredToken token, long expectedVersion, AuditEvent event) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support usage quotas; use the "
        + "in-memory or the JDBI store, or implement TokenStore.consumeUse and setQuota");
  }

  /**
   * Claims a lifecycle notice for a token, so that exactly one node delivers it: the first call for a
   * (token, notice, expiry) stores the claim and its audit event together and returns {@code true}; every later
   * call, from any node, returns {@code false} and stores nothing. A new expiry (after a regeneration) is a new
   * key, so its notices are sent again.
   *
   * @param tokenId the token
   * @param notice which notice, e.g. {@code lead-604800} or {@code expired}; at most 32 characters
   * @param expiresAt the expiry the notice is about
   * @param event the audit event to store with the claim
   * @return whether this call claimed the notice
   * @throws UnsupportedOperationException when the store has no claims (the default: notices are then off)
   */
  default boolean claimNotice(String tokenId, String notice, Instant expiresAt, AuditEvent event) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot claim notices across nodes; implement "
        + "TokenStore.claimNotice (the in-memory and JDBI stores do)");
  }

  /**
   * Inserts an imported key: the token, its index entry ({@code lookup}, unique across imported keys) and its
   * audit event together, all or nothing.
   *
   * @param token the token (its hash is the imported key's)
   * @param lookup the index entry, {@code d:<digest>} or {@code p:<prefix>}, at most 200 characters
   * @param event the audit event
   * @throws dev.tokenkit.DuplicateTokenException when the owner has a token of that name
   * @throws IllegalStateException when the lookup is already taken (the key was imported before)
   * @throws UnsupportedOperationException when the store has no imported keys (the default)
   */
  default void insertImported(StoredToken token, String lookup, AuditEvent event) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot import keys; implement "
        + "TokenStore.insertImported, findImported and importedLookups (the in-memory and JDBI stores do)");
  }

  /**
   * The token id of an imported key's index entry. Called at a bounded rate per node for keys the node's mirror
   * does not know yet.
   *
   * @param lookup {@code d:<digest>} or {@code p:<prefix>}
   * @return the token id, or empty
   */
  default Optional<String> findImported(String lookup) {
    return Optional.empty();
  }

  /**
   * Every imported key's index entry (lookup to token id), for the service's in-memory mirror, read at start and
   * then periodically. The default has none.
   *
   * @return the entries
   */
  default java.util.Map<String, String> importedLookups() {
    return java.util.Map.of();
  }

  /** Releases resources. The default does nothing. */
  @Override
  default void close() {}
}
