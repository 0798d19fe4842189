package dev.tokenkit;

import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.Authenticator;
import dev.tokenkit.internal.FailureThrottle;
import dev.tokenkit.internal.Hashers;
import dev.tokenkit.internal.LastUseRecorder;
import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.internal.VerificationCache;
import dev.tokenkit.spi.AuditListener;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.MetricsListener;
import dev.tokenkit.spi.SecretHasher;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of TokenKit: issue, list, edit, rotate, regenerate, disable, enable, revoke, revoke all
 * and delete tokens, and authenticate presented tokens.
 *
 * <p>Built once with {@link #builder()}, then immutable and thread-safe; share one instance per application (it
 * owns the verification cache and the last-use flush thread) and {@link #close()} it on shutdown. Every
 * management call records its {@link Actor} in the audit trail and invalidates the local verification cache
 * before it returns; other instances sharing the store learn of changes through the store's change feed.
 *
 * <pre>{@code
 * TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).build();
 * IssuedToken issued = tokens.issue(Actor.of("admin"),
 *     IssueRequest.builder("ci", "alice").role("READONLY").build());
 * String raw = issued.secret().reveal();           // show once
 * AuthOutcome outcome = tokens.authenticate(raw, AuthContext.of("203.0.113.7", "orders", AccessLevel.READ));
 * }</pre>
 */
public final class TokenService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
  private static final int REVOKE_ALL_RETRIES = 5;

  private final TokenStore store;
  private final Clock clock;
  private final SecureRandom random;
  private final TokenFormat format;
  private final Hashers hashers;
  private final Map<String, Role> roles;
  private final ExpiryPolicy expiryPolicy;
  private final Duration maxGracePeriod;
  private final VerificationCache cache;
  private final LastUseRecorder lastUse;
  private final AuditTrail audit;
  private final Authenticator authenticator;
  private final MetricsListener metrics;
  private final AutoCloseable subscription;

  private TokenService(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.random = b.random;
    this.format = b.format;
    this.hashers = new Hashers(b.hasher, b.extraHashers);
    this.roles = Map.copyOf(b.roles);
    this.expiryPolicy = b.expiryPolicy;
    this.maxGracePeriod = b.maxGracePeriod;
    this.metrics = b.metricsListener;
    this.cache = new VerificationCache(b.cacheTtl, b.cacheMaximumSize, b.negativeCacheTtl);
    this.lastUse = new LastUseRecorder(store, b.lastUseFlushInterval);
    this.audit = new AuditTrail(store, b.auditListeners, clock, random);
    this.authenticator = new Authenticator(new TokenCodec(format.acceptedPrefixes()), store, cache, hashers,
        roles::get, clock, new FailureThrottle(b.maxFailuresPerWindow, b.failureWindow), lastUse, audit);
    this.subscription = store.subscribe(new TokenChangeListener() {
      @Override
      public void tokenChanged(String tokenId) {
        cache.invalidate(tokenId);
      }

      @Override
      public void allChanged() {
        cache.invalidateAll();
      }
    });
  }

  /**
   * A builder; {@link Builder#store(TokenStore)} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- verification

  /**
   * Authenticates a presented token for a request. Malformed input is rejected without a store lookup; the
   * repeat path is served from the verification cache.
   *
   * @param presentedToken the full token as presented, possibly {@code null}
   * @param context client IP, API and needed level; never {@code null}
   * @return {@link AuthOutcome.Verified} or {@link AuthOutcome.Rejected} with the reason; never {@code null}
   */
  public AuthOutcome authenticate(String presentedToken, AuthContext context) {
    Objects.requireNonNull(context, "context");
    if (metrics == MetricsListener.NONE) {
      return authenticator.authenticate(presentedToken, context);
    }
    long start = System.nanoTime();
    AuthOutcome outcome = authenticator.authenticate(presentedToken, context);
    long nanos = System.nanoTime() - start;
    MetricsListener.safely(metrics, m -> m.authenticated(outcome.isVerified() ? null : outcome.reason(), nanos));
    return outcome;
  }

  /**
   * The current counters and sizes (verification cache, last-use write-behind), e.g. for metrics gauges.
   *
   * @return a snapshot; never {@code null}
   */
  public TokenServiceStatistics statistics() {
    long[] flushes = lastUse.flushCounts();
    return new TokenServiceStatistics(cache.size(), cache.hitCount(), cache.missCount(), lastUse.pendingCount(),
        flushes[0], flushes[1], flushes[2]);
  }

  // ---------------------------------------------------------------- management

  /**
   * Issues a token. The returned {@link IssuedToken#secret()} is the only time the full token is available.
   *
   * @param actor who issues it; never {@code null}
   * @param request what to issue; never {@code null}
   * @return the metadata and the full token string
   * @throws InvalidInputException when a field is invalid (all bad fields are listed)
   * @throws ExpiryPolicyException when the expiry is not allowed
   * @throws DuplicateTokenException when the owner already has a token with that name
   * @throws StoreUnavailableException when the store cannot be reached
   */
  public IssuedToken issue(Actor actor, IssueRequest request) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(request, "request");
    Instant now = now();
    Validation v = new Validation();
    String name = v.name("name", request.name(), Validation.MAX_NAME);
    String owner = v.name("owner", request.owner(), Validation.MAX_OWNER);
    String description = v.description(request.description());
    String role = v.role(request.role(), roles);
    AccessGrants access = v.access(request.access());
    List<IpRange> ips = v.ipRanges(request.allowedIps());
    Instant[] expiresAt = new Instant[1];
    v.checkExpiry(() -> expiresAt[0] = truncate(expiryPolicy.resolve(request.expiration(), now)));
    v.throwIfInvalid();

    String id = TokenCodec.newId(random);
    String raw = format.newToken(id, random);
    Token token = new Token(id, format.issuePrefix(), name, description, owner, role, access, TokenStatus.ACTIVE,
        now, now, expiresAt[0], ips, null, null, 0);
    store.insert(new StoredToken(token, hash(raw), null, null));
    cache.invalidate(id);
    audit.record(AuditEventType.ISSUED, id, actor, null);
    return new IssuedToken(view(token), TokenSecret.of(raw));
  }

  /**
   * A token's metadata with its effective status and latest use.
   *
   * @param id the token id; never {@code null}
   * @return the token
   * @throws TokenNotFoundException when no token has the id
   */
  public Token get(String id) {
    return view(load(id).token());
  }

  /**
   * A token's metadata, if it exists.
   *
   * @param id the token id; never {@code null}
   * @return the token or empty
   */
  public Optional<Token> find(String id) {
    return store.findById(Objects.requireNonNull(id, "id")).map(s -> view(s.token()));
  }

  /**
   * Lists tokens, newest first, with filters and keyset paging.
   *
   * @param query filters and paging; never {@code null}
   * @return one page
   * @throws InvalidInputException when the cursor is not one this library produced
   */
  public Page<Token> list(TokenQuery query) {
    Page<StoredToken> page = store.list(Objects.requireNonNull(query, "query"), now());
    List<Token> items = new ArrayList<>(page.items().size());
    for (StoredToken s : page.items()) {
      items.add(view(s.token()));
    }
    return new Page<>(items, page.nextCursor());
  }

  /**
   * Active tokens that expire within the given time ("expiring within N days"), soonest first.
   *
   * @param within how far ahead to look, e.g. {@code Duration.ofDays(14)}
   * @return the tokens
   */
  public List<Token> expiringWithin(Duration within) {
    Instant before = now().plus(within);
    List<Token> out = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withStatus(TokenStatus.ACTIVE).withExpiringBefore(before).withLimit(TokenQuery.MAX_LIMIT);
    Page<Token> page;
    do {
      page = list(q);
      out.addAll(page.items());
      q = q.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
    out.sort((a, b) -> a.expiresAt().compareTo(b.expiresAt()));
    return out;
  }

  /**
   * Edits name, description, role, per-API access or allowed IP ranges; unset fields stay.
   *
   * @param actor who; never {@code null}
   * @param id the token id; never {@code null}
   * @param update the changes; never {@code null}
   * @return the updated token
   * @throws TokenNotFoundException when no token has the id
   * @throws InvalidInputException when a field is invalid
   * @throws DuplicateTokenException when a rename collides with another token of the owner
   * @throws ConcurrentUpdateException when another call changed the token meanwhile
   * @throws IllegalTransitionException when the token is revoked (revoked tokens cannot be edited)
   */
  public Token update(Actor actor, String id, TokenUpdate update) {
    Objects.requireNonNull(update, "update");
    return mutate(actor, id, AuditEventType.UPDATED, null, "edit", s -> {
      Token t = s.token();
      Validation v = new Validation();
      String name = update.name() == null ? t.name() : v.name("name", update.name(), Validation.MAX_NAME);
      String description = update.descriptionSet() ? v.description(update.description()) : t.description();
      String role = update.roleSet() ? v.role(update.role(), roles) : t.role();
      AccessGrants access = update.access() == null ? t.access() : v.access(update.access());
      List<IpRange> ips = update.allowedIps() == null ? t.allowedIps() : v.ipRanges(update.allowedIps());
      v.throwIfInvalid();
      return s.withToken(t.changed(name, description, role, access, t.status(), t.expiresAt(), ips, now()));
    }).token();
  }

  /**
   * Rotates: a new secret for the same id, grants and expiry. With a grace period the old secret keeps working
   * until it ends (responses then carry deprecation hints); without, it stops at once.
   *
   * @param actor who; never {@code null}
   * @param id the token id; never {@code null}
   * @param gracePeriod how long the old secret still works; {@code null} or zero for none
   * @return the token and its new full token string
   * @throws InvalidInputException when the grace period is negative or above the configured maximum
   * @throws TokenNotFoundException when no token has the id
   * @throws IllegalTransitionException when the token is revoked
   * @throws ConcurrentUpdateException when another call changed the token meanwhile
   */
  public IssuedToken rotate(Actor actor, String id, Duration gracePeriod) {
    Duration grace = gracePeriod == null ? Duration.ZERO : gracePeriod;
    if (grace.isNegative() || grace.compareTo(maxGracePeriod) > 0) {
      throw new InvalidInputException("graceSeconds", "grace period must be between 0 and "
          + maxGracePeriod.toSeconds() + " seconds");
    }
    String[] raw = new String[1];
    StoredToken after = mutate(actor, id, AuditEventType.ROTATED, grace.isZero() ? null : "grace=" + grace, "rotate",
        s -> {
          Token t = s.token();
          raw[0] = TokenCodec.newToken(t.prefix(), id, random);
          Instant now = now();
          Token next = t.changed(t.name(), t.description(), t.role(), t.access(), t.status(), t.expiresAt(),
              t.allowedIps(), now);
          return grace.isZero()
              ? new StoredToken(next, hash(raw[0]), null, null)
              : new StoredToken(next, hash(raw[0]), s.secretHash(), now.plus(grace));
        });
    return new IssuedToken(view(after.token()), TokenSecret.of(raw[0]));
  }

  /**
   * Regenerates: a new secret and a new expiry (old secret stops at once), as in "Regenerate, Expiration
   * (Months): 3, 6 or 12".
   *
   * @param actor who; never {@code null}
   * @param id the token id; never {@code null}
   * @param expiration the new expiry, or {@code null} for the policy default
   * @return the token and its new full token string
   * @throws ExpiryPolicyException when the expiry is not allowed
   * @throws TokenNotFoundException when no token has the id
   * @throws IllegalTransitionException when the token is revoked
   * @throws ConcurrentUpdateException when another call changed the token meanwhile
   */
  public IssuedToken regenerate(Actor actor, String id, Expiration expiration) {
    Instant expiresAt = truncate(expiryPolicy.resolve(expiration, now()));
    String[] raw = new String[1];
    StoredToken after = mutate(actor, id, AuditEventType.REGENERATED, expiresAt == null ? "expires=never"
        : "expires=" + expiresAt, "regenerate", s -> {
          Token t = s.token();
          raw[0] = TokenCodec.newToken(t.prefix(), id, random);
          return new StoredToken(t.changed(t.name(), t.description(), t.role(), t.access(), t.status(), expiresAt,
              t.allowedIps(), now()), hash(raw[0]), null, null);
        });
    return new IssuedToken(view(after.token()), TokenSecret.of(raw[0]));
  }

  /**
   * Disables a token (reversible with {@link #enable}). Disabling a disabled token changes nothing.
   *
   * @param actor who
   * @param id the token id
   * @return the token
   * @throws TokenNotFoundException when no token has the id
   * @throws IllegalTransitionException when the token is revoked
   * @throws ConcurrentUpdateException when another call changed the token meanwhile
   */
  public Token disable(Actor actor, String id) {
    return transition(actor, id, TokenStatus.DISABLED, AuditEventType.DISABLED, "disable");
  }

  /**
   * Enables a disabled token. Enabling an active token changes nothing; a revoked token cannot be enabled.
   *
   * @param actor who
   * @param id the token id
   * @return the token
   * @throws TokenNotFoundException when no token has the id
   * @throws IllegalTransitionException when the token is revoked
   * @throws ConcurrentUpdateException when another call changed the token meanwhile
   */
  public Token enable(Actor actor, String id) {
    return transition(actor, id, TokenStatus.ACTIVE, AuditEventType.ENABLED, "enable");
  }

  /**
   * Revokes a token permanently. Once this returns, no verification through this instance succeeds; other
   * instances follow through the store's change feed. Revoking a revoked token changes nothing.
   *
   * @param actor who
   * @param id the token id
   * @return the token
   * @throws TokenNotFoundException when no token has the id
   * @throws ConcurrentUpdateException when another call changed the token meanwhile
   */
  public Token revoke(Actor actor, String id) {
    return transition(actor, id, TokenStatus.REVOKED, AuditEventType.REVOKED, "revoke");
  }

  /**
   * Revokes every token of an owner ("Revoke All").
   *
   * @param actor who; never {@code null}
   * @param owner the owner; never {@code null}
   * @return how many tokens were revoked (already revoked ones are not counted)
   */
  public int revokeAll(Actor actor, String owner) {
    Objects.requireNonNull(owner, "owner");
    List<String> ids = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withOwner(owner).withLimit(TokenQuery.MAX_LIMIT);
    Page<StoredToken> page;
    do {
      page = store.list(q, now());
      for (StoredToken s : page.items()) {
        if (s.token().status() != TokenStatus.REVOKED) {
          ids.add(s.id());
        }
      }
      q = q.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
    int revoked = 0;
    for (String id : ids) {
      for (int attempt = 1; ; attempt++) {
        try {
          Token before = store.findById(id).map(StoredToken::token).orElse(null);
          if (before == null || before.status() == TokenStatus.REVOKED) {
            break;
          }
          revoke(actor, id);
          revoked++;
          break;
        } catch (ConcurrentUpdateException e) {
          if (attempt >= REVOKE_ALL_RETRIES) {
            throw e;
          }
        } catch (TokenNotFoundException e) {
          break; // deleted meanwhile
        }
      }
    }
    return revoked;
  }

  /**
   * Deletes a token permanently; its audit events remain.
   *
   * @param actor who; never {@code null}
   * @param id the token id; never {@code null}
   * @throws TokenNotFoundException when no token has the id
   */
  public void delete(Actor actor, String id) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    if (!store.delete(id)) {
      throw new TokenNotFoundException(id);
    }
    cache.invalidate(id);
    audit.record(AuditEventType.DELETED, id, actor, null);
  }

  /**
   * The audit trail, newest first.
   *
   * @param query filters and paging; never {@code null}
   * @return one page
   */
  public Page<AuditEvent> audit(AuditQuery query) {
    return store.listAudit(Objects.requireNonNull(query, "query"));
  }

  /**
   * Writes pending last-use times now (they are otherwise flushed on the interval and on close).
   *
   * @return how many tokens were written
   * @throws StoreUnavailableException when the store cannot be reached (the uses stay pending)
   */
  public int flushLastUse() {
    return lastUse.flush();
  }

  /**
   * The registered roles, built-ins included.
   *
   * @return role name to role
   */
  public Map<String, Role> roles() {
    return roles;
  }

  /**
   * The expiry policy.
   *
   * @return the policy
   */
  public ExpiryPolicy expiryPolicy() {
    return expiryPolicy;
  }

  /**
   * The token format.
   *
   * @return the format
   */
  public TokenFormat format() {
    return format;
  }

  /** Flushes pending last-use times and stops the flush thread. Does not close the store (the host owns it). */
  @Override
  public void close() {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.warn("Closing the change-feed subscription failed ({})", e.toString());
    }
    lastUse.close();
  }

  // ---------------------------------------------------------------- helpers

  private Token transition(Actor actor, String id, TokenStatus target, AuditEventType type, String operation) {
    return mutate(actor, id, type, null, operation, s -> {
      TokenStatus current = s.token().status();
      if (current == target) {
        return s;
      }
      Token t = s.token();
      return s.withToken(t.changed(t.name(), t.description(), t.role(), t.access(), target, t.expiresAt(),
          t.allowedIps(), now()));
    }).token();
  }

  private StoredToken mutate(Actor actor, String id, AuditEventType type, String detail, String operation,
      UnaryOperator<StoredToken> change) {
    Objects.requireNonNull(actor, "actor");
    StoredToken current = load(id);
    if (current.token().status() == TokenStatus.REVOKED && type != AuditEventType.REVOKED) {
      throw new IllegalTransitionException(id, TokenStatus.REVOKED, operation);
    }
    StoredToken next = change.apply(current);
    if (next == current) {
      return current;
    }
    store.update(next, current.version());
    cache.invalidate(id);
    audit.record(type, id, actor, detail);
    return next;
  }

  private StoredToken load(String id) {
    Objects.requireNonNull(id, "id");
    return store.findById(id).orElseThrow(() -> new TokenNotFoundException(id));
  }

  private Token view(Token t) {
    Token v = t.withStatus(TokenStatus.effective(t.status(), t.expiresAt(), now()));
    LastUse pending = lastUse.pending(t.id());
    if (pending != null && (v.lastUsedAt() == null || pending.at().isAfter(v.lastUsedAt()))) {
      v = v.withLastUsed(truncate(pending.at()), pending.ip());
    }
    return v;
  }

  private String hash(String raw) {
    return hashers.current().hash(raw.getBytes(StandardCharsets.US_ASCII));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Instant truncate(Instant i) {
    return i == null ? null : i.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Builds a {@link TokenService}. Setters validate at once; not thread-safe; {@link #build()} returns an
   * immutable, thread-safe service.
   */
  public static final class Builder {
    private TokenStore store;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private TokenFormat format = TokenFormat.defaults();
    private SecretHasher hasher = SecretHashers.sha256();
    private final List<SecretHasher> extraHashers = new ArrayList<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();
    private ExpiryPolicy expiryPolicy = ExpiryPolicy.defaults();
    private Duration maxGracePeriod = Duration.ofDays(30);
    private Duration cacheTtl = Duration.ofSeconds(30);
    private long cacheMaximumSize = 1_000_000;
    private Duration negativeCacheTtl = Duration.ofSeconds(5);
    private int maxFailuresPerWindow = 20;
    private Duration failureWindow = Duration.ofMinutes(1);
    private Duration lastUseFlushInterval = Duration.ofSeconds(10);
    private final List<AuditListener> auditListeners = new ArrayList<>();
    private MetricsListener metricsListener = MetricsListener.NONE;

    private Builder() {
      roles.put(Role.ADMIN.name(), Role.ADMIN);
      roles.put(Role.READONLY.name(), Role.READONLY);
    }

    /**
     * The store (required), e.g. {@code new InMemoryTokenStore()} or a JDBI store.
     *
     * @param s the store
     * @return this builder
     */
    public Builder store(TokenStore s) {
      this.store = Objects.requireNonNull(s, "store");
      return this;
    }

    /**
     * The clock for issue times, expiry and last use (default UTC system clock).
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * The randomness for ids and secrets (default a new {@link SecureRandom}).
     *
     * @param r the source
     * @return this builder
     */
    public Builder secureRandom(SecureRandom r) {
      this.random = Objects.requireNonNull(r, "secureRandom");
      return this;
    }

    /**
     * The token format and accepted prefixes (default prefix {@code tk}).
     *
     * @param f the format
     * @return this builder
     */
    public Builder format(TokenFormat f) {
      this.format = Objects.requireNonNull(f, "format");
      return this;
    }

    /**
     * The hasher that writes new hashes (default SHA-256).
     *
     * @param h the hasher
     * @return this builder
     */
    public Builder hasher(SecretHasher h) {
      this.hasher = Objects.requireNonNull(h, "hasher");
      return this;
    }

    /**
     * Uses HMAC-SHA256 with a server-side pepper for new hashes; existing SHA-256 hashes still verify and are
     * upgraded on use.
     *
     * @param keyId the pepper's id
     * @param pepper at least 32 secret bytes
     * @return this builder
     */
    public Builder pepper(String keyId, byte[] pepper) {
      this.hasher = SecretHashers.hmacSha256(keyId, pepper);
      return alsoVerifyWith(SecretHashers.sha256());
    }

    /**
     * Hashers that only verify stored hashes (legacy algorithms, previous pepper keys); matching tokens are
     * re-hashed with the current hasher on use.
     *
     * @param more the hashers
     * @return this builder
     */
    public Builder alsoVerifyWith(SecretHasher... more) {
      for (SecretHasher h : more) {
        extraHashers.add(Objects.requireNonNull(h, "hasher"));
      }
      return this;
    }

    /**
     * Registers a host-defined role (or replaces a built-in one of the same name).
     *
     * @param role the role
     * @return this builder
     */
    public Builder role(Role role) {
      roles.put(role.name(), role);
      return this;
    }

    /**
     * The expiry policy (default {@link ExpiryPolicy#defaults()}).
     *
     * @param p the policy
     * @return this builder
     */
    public Builder expiryPolicy(ExpiryPolicy p) {
      this.expiryPolicy = Objects.requireNonNull(p, "expiryPolicy");
      return this;
    }

    /**
     * The longest rotation grace period (default 30 days).
     *
     * @param max a non-negative duration
     * @return this builder
     */
    public Builder maxGracePeriod(Duration max) {
      this.maxGracePeriod = nonNegative(max, "maxGracePeriod");
      return this;
    }

    /**
     * How long a verified token stays cached (default 30 s): the backstop for missed change notifications.
     *
     * @param ttl a positive duration
     * @return this builder
     */
    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = positive(ttl, "cacheTtl");
      return this;
    }

    /**
     * The most tokens kept in the verification cache (default 1,000,000).
     *
     * @param size a positive number
     * @return this builder
     */
    public Builder cacheMaximumSize(long size) {
      if (size < 1) {
        throw new IllegalArgumentException("cacheMaximumSize must be positive, got " + size);
      }
      this.cacheMaximumSize = size;
      return this;
    }

    /**
     * How long an unknown id is remembered without a store lookup (default 5 s).
     *
     * @param ttl a positive duration
     * @return this builder
     */
    public Builder negativeCacheTtl(Duration ttl) {
      this.negativeCacheTtl = positive(ttl, "negativeCacheTtl");
      return this;
    }

    /**
     * For tokens stored with a slow hasher (Argon2id or a custom {@link SecretHasher}): after this many wrong
     * secrets for one id within the window, further checks are refused without running the hasher (default 20 per
     * minute). The built-in fast hashers are never throttled, so knowing a public id cannot lock its owner out.
     *
     * @param maxFailures a positive number
     * @param window a positive duration
     * @return this builder
     */
    public Builder failureThrottle(int maxFailures, Duration window) {
      if (maxFailures < 1) {
        throw new IllegalArgumentException("maxFailures must be positive, got " + maxFailures);
      }
      this.maxFailuresPerWindow = maxFailures;
      this.failureWindow = positive(window, "window");
      return this;
    }

    /**
     * How often last-use times are written (default 10 s): at most one store write per token per interval.
     *
     * @param interval a positive duration
     * @return this builder
     */
    public Builder lastUseFlushInterval(Duration interval) {
      this.lastUseFlushInterval = positive(interval, "lastUseFlushInterval");
      return this;
    }

    /**
     * Adds a listener for audit events.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder auditListener(AuditListener listener) {
      auditListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Receives verification outcomes and latencies (e.g. for Micrometer); other figures come from
     * {@link TokenService#statistics()}. Replaces an earlier one.
     *
     * @param listener the listener; never {@code null}
     * @return this builder
     */
    public Builder metricsListener(MetricsListener listener) {
      this.metricsListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the service and starts its last-use flush thread.
     *
     * @return the service
     * @throws IllegalStateException when no store was set
     */
    public TokenService build() {
      if (store == null) {
        throw new IllegalStateException("a TokenStore is required: call store(new InMemoryTokenStore()) for tests "
            + "or store(a JDBI store) for production");
      }
      if (random == null) {
        random = new SecureRandom();
      }
      return new TokenService(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + d);
      }
      return d;
    }
  }
}
