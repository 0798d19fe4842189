package dev.tokenkit.jdbi;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.Page;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenNotFoundException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.spi.ApiUse;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.PageCursor;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The production {@link TokenStore}: tokens, grants, IP ranges and audit events in SQL tables (tested on H2 2.x
 * and PostgreSQL 15), through the host's {@link Jdbi} or {@link DataSource}.
 *
 * <ul>
 *   <li>Concurrency: {@link #update} is a compare-and-set on the token's version, so concurrent changes through
 *       several service instances sharing the database never fork; the loser gets
 *       {@link ConcurrentUpdateException}.</li>
 *   <li>Listing uses keyset paging on (created_at desc, id desc); never OFFSET.</li>
 *   <li>Multi-node change feed ({@link #subscribe}): every change appends to a change sequence in the same
 *       transaction; each node polls it every {@link Builder#pollInterval(Duration) poll interval} (default
 *       250 ms) and, on PostgreSQL, also receives {@code NOTIFY}s on a dedicated connection (typically a few
 *       milliseconds). After a LISTEN reconnect, subscribers are told {@link TokenChangeListener#allChanged()}.</li>
 *   <li>When the database cannot be reached every call throws {@link dev.tokenkit.StoreUnavailableException}.</li>
 * </ul>
 *
 * <p>Thread-safe. Create one per database (and table prefix), share it between the services of one JVM, and
 * {@link #close()} it on shutdown (it owns the change-feed threads and, on PostgreSQL, one connection).
 *
 * <pre>{@code
 * JdbiTokenStore store = JdbiTokenStore.builder(dataSource).tablePrefix("tokenkit_").build();
 * store.migrate(); // or apply classpath:db/tokenkit with Flyway/Liquibase
 * TokenService tokens = TokenService.builder().store(store).build();
 * }</pre>
 */
public final class JdbiTokenStore implements TokenStore {
  /** The default table-name prefix. */
  public static final String DEFAULT_TABLE_PREFIX = "tokenkit_";
  /** The classpath folder of the versioned migration scripts (Flyway naming, {@code ${tablePrefix}} placeholder). */
  public static final String MIGRATIONS_LOCATION = Migrator.LOCATION;

  private final Db db;
  private final TokenRows tokens;
  private final ApiUseRows apiUses;
  private final UsageRows usage;
  private final AuditRows audit;
  private final ChangeLog changes;
  private final ChangeFeed feed;
  private final Clock clock;
  private final JdbiSharedSecretStore sharedSecrets;

  private JdbiTokenStore(Builder b) {
    this.db = new Db(b.jdbi, new TableNames(b.tablePrefix));
    this.clock = b.clock;
    this.tokens = new TokenRows(db.tables);
    this.apiUses = new ApiUseRows(db.tables);
    this.usage = new UsageRows(db.tables);
    this.audit = new AuditRows(db.tables);
    this.changes = new ChangeLog(db.tables, clock);
    this.feed = new ChangeFeed(db, changes, b.pollInterval, b.listenNotify, b.changeRetention, clock);
    this.sharedSecrets = new JdbiSharedSecretStore(db, changes);
  }

  /**
   * A builder over the host's Jdbi (its connection handling, pooling and plugins are used as they are).
   *
   * @param jdbi the Jdbi; never {@code null}
   * @return a new builder
   */
  public static Builder builder(Jdbi jdbi) {
    return new Builder(Objects.requireNonNull(jdbi, "jdbi"));
  }

  /**
   * A builder over a DataSource (use a pooled one in production, e.g. HikariCP).
   *
   * @param dataSource the DataSource; never {@code null}
   * @return a new builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Jdbi.create(Objects.requireNonNull(dataSource, "dataSource")));
  }

  /**
   * Creates or upgrades the tables for this store's prefix by applying the scripts in
   * {@value #MIGRATIONS_LOCATION} that are not yet recorded in {@code <prefix>schema_history}. Idempotent and
   * safe to call from several nodes at once (on PostgreSQL). Hosts using Flyway or Liquibase apply the same
   * scripts with their tool instead.
   *
   * @return the versions applied by this call (empty when the schema was up to date)
   * @throws dev.tokenkit.StoreUnavailableException when the database cannot be reached
   */
  public List<Integer> migrate() {
    return new Migrator(db, clock).migrate();
  }

  @Override
  public void insert(StoredToken token) {
    insert(token, null);
  }

  /** Inserts the token, its change-feed entry and its audit event in one transaction: all or nothing. */
  @Override
  public void insert(StoredToken token, AuditEvent event) {
    Objects.requireNonNull(token, "token");
    try {
      db.inTransaction("insert token", h -> {
        tokens.insert(h, token);
        changes.record(h, db.dialect(), token.id());
        insertEvent(h, event);
        return null;
      });
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (!SqlErrors.hasState(e, SqlErrors.UNIQUE_VIOLATION)) {
        throw e;
      }
      if (db.call("check token id", h -> tokens.version(h, token.id())) >= 0) {
        throw new IllegalStateException("A token with id " + token.id() + " already exists", e);
      }
      throw new DuplicateTokenException(token.token().owner(), token.token().name());
    }
  }

  /**
   * Inserts a change's audit event inside the change's transaction; any failure rolls the change back and is a
   * {@link StoreUnavailableException}, so a change is never kept without its event.
   */
  private void insertEvent(Handle h, AuditEvent event) {
    if (event == null) {
      return;
    }
    try {
      audit.insert(h, event);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("The audit event " + event.type() + " of token " + event.tokenId()
          + " could not be stored, so the change was rolled back (SQL state " + SqlErrors.sqlState(e)
          + "); check the audit table and the database log, then retry", e);
    }
  }

  @Override
  public Optional<StoredToken> findById(String id) {
    Objects.requireNonNull(id, "id");
    return db.call("find token", h -> tokens.findById(h, id));
  }

  @Override
  public void update(StoredToken token, long expectedVersion) {
    update(token, expectedVersion, null);
  }

  /** Compare-and-set of the token with its change-feed entry and audit event in one transaction. */
  @Override
  public void update(StoredToken token, long expectedVersion, AuditEvent event) {
    try {
      compareAndSet("update token", token, expectedVersion, event, h -> tokens.update(h, token, expectedVersion));
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (SqlErrors.hasState(e, SqlErrors.UNIQUE_VIOLATION)) {
        throw new DuplicateTokenException(token.token().owner(), token.token().name());
      }
      throw e;
    }
  }

  /**
   * A compare-and-set change: {@code write} updates the row when the version matches (1 row), then the change-feed
   * entry and the audit event, all in one transaction; 0 rows is not-found or a concurrent update.
   */
  private void compareAndSet(String operation, StoredToken token, long expectedVersion, AuditEvent event,
      java.util.function.ToIntFunction<Handle> write) {
    Objects.requireNonNull(token, "token");
    if (token.version() != expectedVersion + 1) {
      throw new IllegalArgumentException("the new version must be expectedVersion + 1, got " + token.version()
          + " for expected " + expectedVersion);
    }
    db.inTransaction(operation, h -> {
      if (write.applyAsInt(h) == 1) {
        changes.record(h, db.dialect(), token.id());
        insertEvent(h, event);
        return null;
      }
      if (tokens.version(h, token.id()) < 0) {
        throw new TokenNotFoundException(token.id());
      }
      throw new ConcurrentUpdateException(token.id(), expectedVersion);
    });
  }


  /**
   * One use in one conditional UPDATE (see {@link UsageRows#consume}): exact across nodes, the row lock serialises
   * concurrent uses. A token without a quota costs a second, read-only statement (the filter only calls this for
   * tokens that had a quota when they were verified).
   */
  @Override
  public boolean consumeUse(String id, Instant now) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    return db.call("take a use of a token's quota", h -> usage.consume(h, id, now) == 1 || usage.hasNoQuota(h, id));
  }

  /** Compare-and-set of version and quota with its change-feed entry and audit event in one transaction. */
  @Override
  public void setQuota(StoredToken token, long expectedVersion, AuditEvent event) {
    compareAndSet("set a token's quota", token, expectedVersion, event, h -> usage.set(h, token, expectedVersion));
  }


  /**
   * The token, its index entry, its change-feed entry and its audit event in one transaction. A taken lookup is an
   * {@link IllegalStateException}; a taken name a {@link DuplicateTokenException}.
   */
  @Override
  public void insertImported(StoredToken token, String lookup, AuditEvent event) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(lookup, "lookup");
    if (db.call("check an imported key", h -> usage.findLookup(h, lookup)).isPresent()) {
      throw new IllegalStateException("this key was already imported");
    }
    try {
      db.inTransaction("import a key", h -> {
        tokens.insert(h, token);
        usage.insertLookup(h, lookup, token.id());
        changes.record(h, db.dialect(), token.id());
        insertEvent(h, event);
        return null;
      });
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (SqlErrors.hasState(e, SqlErrors.UNIQUE_VIOLATION)) {
        if (db.call("check an imported key", h -> usage.findLookup(h, lookup)).isPresent()) {
          throw new IllegalStateException("this key was already imported", e);
        }
        throw new DuplicateTokenException(token.token().owner(), token.token().name());
      }
      throw e;
    }
  }

  @Override
  public Optional<String> findImported(String lookup) {
    return db.call("find an imported key", h -> usage.findLookup(h, lookup));
  }

  @Override
  public Map<String, String> importedLookups() {
    return db.call("read the imported-key index", usage::lookups);
  }

  /** The claim and its audit event in one transaction; a duplicate claim (another node was first) is {@code false}. */
  @Override
  public boolean claimNotice(String tokenId, String notice, Instant expiresAt, AuditEvent event) {
    Objects.requireNonNull(tokenId, "tokenId");
    try {
      db.inTransaction("claim a lifecycle notice", h -> {
        usage.claim(h, tokenId, notice, expiresAt, clock.instant());
        insertEvent(h, event);
        return null;
      });
      return true;
    } catch (RuntimeException e) {
      if (SqlErrors.hasState(e, SqlErrors.UNIQUE_VIOLATION)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean delete(String id) {
    return delete(id, null);
  }

  /** Deletes the token with its change-feed entry and audit event in one transaction. */
  @Override
  public boolean delete(String id, AuditEvent event) {
    Objects.requireNonNull(id, "id");
    return db.inTransaction("delete token", h -> {
      if (!tokens.delete(h, id)) {
        return false;
      }
      changes.record(h, db.dialect(), id);
      insertEvent(h, event);
      return true;
    });
  }

  @Override
  public void forEachId(Consumer<String> action) {
    Objects.requireNonNull(action, "action");
    db.call("list token ids", h -> {
      h.createQuery("SELECT id FROM " + db.tables.tokens).setFetchSize(1000).mapTo(String.class)
          .forEach(action);
      return null;
    });
  }

  @Override
  public Page<StoredToken> list(TokenQuery query, Instant now) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(now, "now");
    List<StoredToken> rows = db.inSnapshot("list tokens", h -> tokens.list(h, db.dialect(), query, now));
    if (rows.size() <= query.limit()) {
      return new Page<>(rows, null);
    }
    List<StoredToken> items = rows.subList(0, query.limit());
    StoredToken last = items.get(items.size() - 1);
    return new Page<>(items, new PageCursor(last.token().createdAt(), last.id()).encode());
  }

  /**
   * Revokes every unrevoked token of an owner in one transaction of a constant number of statements, however many
   * tokens it has: one locking read in id order (the order the last-use flush locks rows in, so the two cannot
   * deadlock), one {@code UPDATE} returning the ids, one batched insert of their audit events, one change-counter
   * bump and read, one batched change-log insert
   * and, on PostgreSQL, one statement that notifies every id. Other nodes drop the tokens within the usual
   * change-feed bound (NOTIFY, else one poll interval).
   */
  @Override
  public List<String> revokeAll(String owner, Instant at, Function<String, AuditEvent> eventFor) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(eventFor, "eventFor");
    return db.inTransaction("revoke all tokens of an owner", h -> {
      List<String> ids = tokens.revokeAll(h, db.dialect(), owner, at);
      if (!ids.isEmpty()) {
        audit.insertAll(h, ids.stream().map(eventFor).toList());
        changes.recordAll(h, db.dialect(), ids);
      }
      return ids;
    });
  }

  @Override
  public void recordLastUse(Collection<LastUse> uses) {
    Objects.requireNonNull(uses, "uses");
    if (uses.isEmpty()) {
      return;
    }
    // one entry per token (the latest), in id order so concurrent flushes from several nodes lock rows alike
    TreeMap<String, LastUse> latest = new TreeMap<>();
    for (LastUse u : uses) {
      latest.merge(u.tokenId(), u, (a, b) -> b.at().isAfter(a.at()) ? b : a);
    }
    List<LastUse> batch = new ArrayList<>(latest.values());
    db.inTransaction("record last use", h -> tokens.recordLastUse(h, batch));
  }

  @Override
  public boolean recordsApiUse() {
    return true;
  }

  @Override
  public void recordApiUse(Collection<ApiUse> uses) {
    Objects.requireNonNull(uses, "uses");
    if (uses.isEmpty()) {
      return;
    }
    List<ApiUse> batch = ApiUseRows.latest(uses);
    db.inTransaction("record API use", h -> {
      apiUses.record(h, db.dialect(), batch);
      return null;
    });
  }

  @Override
  public List<ApiUse> apiUses(Collection<String> tokenIds) {
    Objects.requireNonNull(tokenIds, "tokenIds");
    return db.call("read API uses", h -> apiUses.read(h, tokenIds));
  }

  @Override
  public void appendAudit(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    db.call("append audit event", h -> {
      audit.insert(h, event);
      return null;
    });
  }

  /** All events in one batched statement. */
  @Override
  public void appendAudit(Collection<AuditEvent> events) {
    Objects.requireNonNull(events, "events");
    if (events.isEmpty()) {
      return;
    }
    db.call("append audit events", h -> {
      audit.insertAll(h, events);
      return null;
    });
  }

  @Override
  public Page<AuditEvent> listAudit(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    List<AuditEvent> rows = db.call("list audit events", h -> audit.list(h, db.dialect(), query));
    if (rows.size() <= query.limit()) {
      return new Page<>(rows, null);
    }
    List<AuditEvent> items = rows.subList(0, query.limit());
    AuditEvent last = items.get(items.size() - 1);
    return new Page<>(items, new PageCursor(last.at(), last.id()).encode());
  }

  /**
   * Subscribes to token changes made through any store on the same database and prefix (including this one).
   * The first subscription starts the feed threads.
   *
   * @param listener receives changed ids; called from the feed threads, must be fast; never {@code null}
   * @return closes the subscription
   */
  @Override
  public AutoCloseable subscribe(TokenChangeListener listener) {
    return feed.subscribe(Objects.requireNonNull(listener, "listener"));
  }

  /** The database access, for tests that inject faults with SQL. */
  Db db() {
    return db;
  }

  /**
   * The shared secrets kept in the same database (table {@code <prefix>shared_secrets}, encrypted values) and the
   * nonces of signed requests (table {@code <prefix>signature_nonces}, shared by every node).
   *
   * @return the shared-secret store; never empty
   */
  @Override
  public Optional<SharedSecretStore> sharedSecrets() {
    return Optional.of(sharedSecrets);
  }

  /**
   * Whether the PostgreSQL LISTEN connection is currently up (for health checks). While it is down, changes made
   * on other nodes still arrive through polling, within the poll interval.
   *
   * @return {@code true} while listening; always {@code false} when {@link #usesListenNotify()} is {@code false}
   */
  public boolean changeFeedListening() {
    return feed.isListening();
  }

  /**
   * Whether this store learns of other nodes' changes through PostgreSQL {@code LISTEN/NOTIFY} (PostgreSQL with
   * {@link Builder#listenNotify(boolean)} on); other databases rely on polling alone.
   *
   * @return {@code true} on PostgreSQL with LISTEN enabled
   */
  public boolean usesListenNotify() {
    return feed.usesListenNotify();
  }

  /**
   * The change feed's state for metrics: LISTEN up or not, reconnects, and the lag of the latest change read by
   * polling (commit on another node to arrival here; changes that arrive by NOTIFY first are seen earlier).
   *
   * @return a snapshot; never {@code null}
   */
  public ChangeFeedStatistics changeFeedStatistics() {
    return feed.statistics();
  }

  /** Polls the change sequence now (tests). */
  void pollChangesNow() {
    feed.poll();
  }

  /** Stops the change-feed threads and closes the LISTEN connection. The host's DataSource stays open. */
  @Override
  public void close() {
    feed.close();
  }

  @Override
  public String toString() {
    return "JdbiTokenStore[tablePrefix=" + db.tables.prefix + ", dialect=" + db.dialect() + "]";
  }

  /**
   * Configures a {@link JdbiTokenStore}. Setters validate at once; not thread-safe.
   *
   * <pre>{@code
   * JdbiTokenStore store = JdbiTokenStore.builder(jdbi)
   *     .tablePrefix("acme_tk_")
   *     .pollInterval(Duration.ofMillis(100))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final Jdbi jdbi;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private Duration pollInterval = Duration.ofMillis(250);
    private boolean listenNotify = true;
    private Duration changeRetention = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();

    private Builder(Jdbi jdbi) {
      this.jdbi = jdbi;
    }

    /**
     * The table-name prefix (default {@value JdbiTokenStore#DEFAULT_TABLE_PREFIX}); must match the
     * {@code tablePrefix} placeholder used when migrating.
     *
     * @param prefix empty, or a lowercase letter followed by up to 29 lowercase letters, digits or '_'
     * @return this builder
     * @throws IllegalArgumentException when the prefix is not such an identifier
     */
    public Builder tablePrefix(String prefix) {
      new TableNames(prefix);
      this.tablePrefix = prefix;
      return this;
    }

    /**
     * How often each node polls the change sequence (default 250 ms): the worst-case delay before another
     * node's change reaches this node's cache when NOTIFY is unavailable (H2, or PostgreSQL while reconnecting).
     *
     * @param interval between 10 ms and 1 hour
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder pollInterval(Duration interval) {
      Objects.requireNonNull(interval, "pollInterval");
      if (interval.toMillis() < 10 || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("pollInterval must be between 10 ms and 1 hour, got " + interval
            + "; the default 250 ms keeps multi-node invalidation well within 1 s");
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * Whether to LISTEN for PostgreSQL notifications on a dedicated connection (default {@code true}; ignored on
     * other databases). Turn off when connections are scarce; invalidation then takes up to one poll interval.
     *
     * @param enabled whether to listen
     * @return this builder
     */
    public Builder listenNotify(boolean enabled) {
      this.listenNotify = enabled;
      return this;
    }

    /**
     * How long change-sequence entries are kept (default 1 hour). A node that was cut off for longer drops its
     * whole cache when it reconnects.
     *
     * @param retention at least 1 minute
     * @return this builder
     * @throws IllegalArgumentException when shorter than a minute
     */
    public Builder changeRetention(Duration retention) {
      Objects.requireNonNull(retention, "changeRetention");
      if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("changeRetention must be at least 1 minute, got " + retention);
      }
      this.changeRetention = retention;
      return this;
    }

    /**
     * The clock that stamps change-sequence entries and migration records and decides when change entries are
     * older than the {@link #changeRetention(Duration) retention} (default the UTC system clock). Give it the
     * clock you give {@code TokenService.builder().clock(...)}, so one clock drives a node's time.
     *
     * @param c the clock; never {@code null}
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * Builds the store. Does not connect: the database is first contacted by {@link JdbiTokenStore#migrate()} or
     * the first operation.
     *
     * @return the store
     */
    public JdbiTokenStore build() {
      return new JdbiTokenStore(this);
    }
  }
}
