package dev.tokenkit.memory;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.Page;
import dev.tokenkit.Token;
import dev.tokenkit.TokenNotFoundException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.ApiUse;
import dev.tokenkit.quota.UsageQuota;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.PageCursor;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A thread-safe {@link TokenStore} in memory: the store for host applications' test suites. Several
 * {@link dev.tokenkit.TokenService} instances may share one, like nodes sharing a database; each hears of the
 * others' changes synchronously through {@link #subscribe(TokenChangeListener)}. Nothing survives a restart.
 *
 * <pre>{@code
 * TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).build();
 * }</pre>
 */
public final class InMemoryTokenStore implements TokenStore {
  private static final Comparator<StoredToken> NEWEST_FIRST = Comparator
      .comparing((StoredToken s) -> s.token().createdAt()).thenComparing(StoredToken::id).reversed();
  private static final Comparator<AuditEvent> NEWEST_EVENT_FIRST = Comparator
      .comparing(AuditEvent::at).thenComparing(AuditEvent::id).reversed();

  private final ConcurrentHashMap<String, StoredToken> tokens = new ConcurrentHashMap<>();
  /**
   * Token id by owner and name, guarded by {@link #writeLock}: name uniqueness is one lookup, so filling the store
   * with n tokens takes linear time (it used to scan every token per insert).
   */
  private final Map<OwnerName, String> idByName = new HashMap<>();
  /** Appending is constant time (a copy-on-write list copied every event on each append). */
  private final Collection<AuditEvent> audit = new ConcurrentLinkedQueue<>();
  private final List<TokenChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final Object writeLock = new Object();
  /** Per token, per API, the latest use (issue 19's unused-access report); guarded by {@link #writeLock}. */
  private final Map<String, Map<String, Instant>> apiUses = new HashMap<>();
  private final java.util.Set<String> notices = new java.util.HashSet<>();
  private final Map<String, String> imported = new ConcurrentHashMap<>();
  private final InMemorySharedSecretStore sharedSecrets = new InMemorySharedSecretStore(this::notifyChanged);

  /** An empty store. */
  public InMemoryTokenStore() {}

  @Override
  public void insert(StoredToken token) {
    insert(token, null);
  }

  /** Inserts the token and appends its event in one step under the write lock: both or neither. */
  @Override
  public void insert(StoredToken token, AuditEvent event) {
    synchronized (writeLock) {
      if (tokens.containsKey(token.id())) {
        throw new IllegalStateException("a token with id " + token.id() + " already exists");
      }
      checkNameFree(token, null);
      tokens.put(token.id(), token.withQuota(null)); // quotas are set with setQuota
      idByName.put(OwnerName.of(token), token.id());
      appendWithChange(event);
    }
    notifyChanged(token.id()); // like the SQL store's feed: other services learn that the id exists
  }

  private void appendWithChange(AuditEvent event) {
    if (event != null) {
      audit.add(event);
    }
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    return Optional.ofNullable(tokens.get(id));
  }

  @Override
  public void update(StoredToken token, long expectedVersion) {
    update(token, expectedVersion, null);
  }

  /** Replaces the token and appends its event in one step under the write lock: both or neither. */
  @Override
  public void update(StoredToken token, long expectedVersion, AuditEvent event) {
    synchronized (writeLock) {
      StoredToken current = currentFor(token, expectedVersion);
      checkNameFree(token, token.id());
      idByName.remove(OwnerName.of(current), token.id());
      idByName.put(OwnerName.of(token), token.id());
      // last use is owned by recordLastUse and the quota by setQuota/consumeUse: keep the stored values
      tokens.put(token.id(), token.withToken(token.token().withLastUsed(current.token().lastUsedAt(),
          current.token().lastUsedIp())).withQuota(current.quota()));
      appendWithChange(event);
    }
    notifyChanged(token.id());
  }

  /** The stored token a compare-and-set change replaces; call under the write lock. */
  private StoredToken currentFor(StoredToken token, long expectedVersion) {
    if (token.version() != expectedVersion + 1) {
      throw new IllegalArgumentException("the new version must be expectedVersion + 1");
    }
    StoredToken current = tokens.get(token.id());
    if (current == null) {
      throw new TokenNotFoundException(token.id());
    }
    if (current.version() != expectedVersion) {
      throw new ConcurrentUpdateException(token.id(), expectedVersion);
    }
    return current;
  }

  private void checkNameFree(StoredToken token, String exceptId) {
    String holder = idByName.get(OwnerName.of(token));
    if (holder != null && !holder.equals(exceptId)) {
      throw new DuplicateTokenException(token.token().owner(), token.token().name());
    }
  }

  /** The uniqueness key of a token name. */
  private record OwnerName(String owner, String name) {
    static OwnerName of(StoredToken s) {
      return new OwnerName(s.token().owner(), s.token().name());
    }
  }

  @Override
  public boolean delete(String id) {
    return delete(id, null);
  }

  /** Removes the token and appends its event in one step under the write lock: both or neither. */
  @Override
  public boolean delete(String id, AuditEvent event) {
    boolean removed;
    synchronized (writeLock) {
      StoredToken gone = tokens.remove(id);
      removed = gone != null;
      if (removed) {
        idByName.remove(OwnerName.of(gone), id);
        apiUses.remove(id);
        imported.values().remove(id); // a deleted imported key may be imported again
        appendWithChange(event);
      }
    }
    if (removed) {
      notifyChanged(id);
    }
    return removed;
  }

  @Override
  public void forEachId(java.util.function.Consumer<String> action) {
    tokens.keySet().forEach(action);
  }

  @Override
  public Page<StoredToken> list(TokenQuery query, Instant now) {
    Predicate<StoredToken> filter = s -> {
      var t = s.token();
      return (query.owner() == null || query.owner().equals(t.owner()))
          && (query.status() == null || TokenStatus.effective(t.status(), t.expiresAt(), now) == query.status())
          && (query.expiringBefore() == null || (t.expiresAt() != null && t.expiresAt().isBefore(query.expiringBefore())));
    };
    return page(tokens.values(), filter, NEWEST_FIRST, query.cursor(), query.limit(),
        s -> new PageCursor(s.token().createdAt(), s.id()));
  }

  /** One pass under the write lock; each revoked token is announced to subscribers like an update. */
  @Override
  public List<String> revokeAll(String owner, Instant at, Function<String, AuditEvent> eventFor) {
    List<String> revoked = new ArrayList<>();
    synchronized (writeLock) {
      for (StoredToken s : tokens.values()) {
        Token t = s.token();
        if (t.owner().equals(owner) && t.status() != TokenStatus.REVOKED) {
          AuditEvent event = eventFor.apply(t.id());
          tokens.put(t.id(), s.withToken(t.withStatus(TokenStatus.REVOKED).nextVersion(at)));
          appendWithChange(event);
          revoked.add(t.id());
        }
      }
    }
    for (String id : revoked) {
      notifyChanged(id);
    }
    return revoked;
  }

  @Override
  public void recordLastUse(Collection<LastUse> uses) {
    synchronized (writeLock) {
      for (LastUse use : uses) {
        tokens.computeIfPresent(use.tokenId(), (id, s) -> {
          Instant prev = s.token().lastUsedAt();
          return prev != null && !use.at().isAfter(prev) ? s : s.withToken(s.token().withLastUsed(use.at(), use.ip()));
        });
      }
    }
  }

  /** Token, index entry and event in one step under the write lock. */
  @Override
  public void insertImported(StoredToken token, String lookup, AuditEvent event) {
    synchronized (writeLock) {
      if (imported.containsKey(lookup)) {
        throw new IllegalStateException("this key was already imported");
      }
      insert(token, event);
      imported.put(lookup, token.id());
    }
  }

  @Override
  public Optional<String> findImported(String lookup) {
    String id = imported.get(lookup);
    return id != null && tokens.containsKey(id) ? Optional.of(id) : Optional.empty();
  }

  @Override
  public Map<String, String> importedLookups() {
    synchronized (writeLock) {
      Map<String, String> live = new HashMap<>();
      imported.forEach((lookup, id) -> {
        if (tokens.containsKey(id)) {
          live.put(lookup, id);
        }
      });
      return live;
    }
  }

  /** Claims under the write lock; the event is stored with the claim. */
  @Override
  public boolean claimNotice(String tokenId, String notice, Instant expiresAt, AuditEvent event) {
    synchronized (writeLock) {
      if (!notices.add(tokenId + '|' + notice + '|' + expiresAt)) {
        return false;
      }
      appendWithChange(event);
      return true;
    }
  }

  /** One use under the write lock, so that no concurrent update or use is lost. */
  @Override
  public boolean consumeUse(String id, Instant now) {
    synchronized (writeLock) {
      StoredToken current = tokens.get(id);
      if (current == null) {
        return false;
      }
      if (current.quota() == null) {
        return true;
      }
      UsageQuota after = current.quota().afterUse(now);
      if (after == null) {
        return false;
      }
      tokens.put(id, current.withQuota(after));
      return true;
    }
  }

  /** Replaces version, update time and quota, and appends the event, in one step under the write lock. */
  @Override
  public void setQuota(StoredToken token, long expectedVersion, AuditEvent event) {
    synchronized (writeLock) {
      StoredToken current = currentFor(token, expectedVersion);
      Token next = current.token().nextVersion(token.token().updatedAt());
      tokens.put(token.id(), current.withToken(next).withQuota(token.quota()));
      appendWithChange(event);
    }
    notifyChanged(token.id());
  }

  @Override
  public boolean recordsApiUse() {
    return true;
  }

  @Override
  public void recordApiUse(Collection<ApiUse> uses) {
    synchronized (writeLock) {
      for (ApiUse use : uses) {
        if (tokens.containsKey(use.tokenId())) {
          apiUses.computeIfAbsent(use.tokenId(), k -> new HashMap<>())
              .merge(use.api(), use.at(), (a, b) -> b.isAfter(a) ? b : a);
        }
      }
    }
  }

  @Override
  public List<ApiUse> apiUses(Collection<String> tokenIds) {
    List<ApiUse> out = new ArrayList<>();
    synchronized (writeLock) {
      for (String id : tokenIds) {
        apiUses.getOrDefault(id, Map.of()).forEach((api, at) -> out.add(new ApiUse(id, api, at)));
      }
    }
    return out;
  }

  @Override
  public void appendAudit(AuditEvent event) {
    audit.add(event);
  }

  @Override
  public Page<AuditEvent> listAudit(AuditQuery query) {
    return page(audit, e -> query.tokenId() == null || query.tokenId().equals(e.tokenId()), NEWEST_EVENT_FIRST,
        query.cursor(), query.limit(), e -> new PageCursor(e.at(), e.id()));
  }

  private static <T> Page<T> page(Collection<T> all, Predicate<T> filter, Comparator<T> order, String cursor,
      int limit, Function<T, PageCursor> position) {
    PageCursor after = PageCursor.decode(cursor);
    List<T> matching = new ArrayList<>();
    for (T item : all) {
      if (filter.test(item)) {
        PageCursor p = position.apply(item);
        if (after == null || after.isBefore(p.at(), p.id())) {
          matching.add(item);
        }
      }
    }
    matching.sort(order);
    if (matching.size() <= limit) {
      return new Page<>(matching, null);
    }
    List<T> items = matching.subList(0, limit);
    return new Page<>(items, position.apply(items.get(limit - 1)).encode());
  }

  @Override
  public AutoCloseable subscribe(TokenChangeListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * This store's shared secrets (kept in memory like the tokens; changes reach subscribers like token changes).
   *
   * @return the shared-secret store; never empty
   */
  @Override
  public Optional<SharedSecretStore> sharedSecrets() {
    return Optional.of(sharedSecrets);
  }

  private void notifyChanged(String id) {
    for (TokenChangeListener l : listeners) {
      l.tokenChanged(id);
    }
  }

  /**
   * How many tokens are stored (for tests).
   *
   * @return the count
   */
  public int size() {
    return tokens.size();
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[" + tokens.size() + " tokens, " + sharedSecrets.size() + " shared secrets]";
  }
}
