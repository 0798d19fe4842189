package dev.tokenkit;

import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.Authenticator;
import dev.tokenkit.internal.FailureThrottle;
import dev.tokenkit.imports.KeyImport;
import dev.tokenkit.internal.Hashers;
import dev.tokenkit.internal.ImportedKeyIndex;
import dev.tokenkit.internal.KnownIds;
import dev.tokenkit.internal.LastUseRecorder;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.internal.VerificationCache;
import dev.tokenkit.internal.sharedsecret.SharedSecretManager;
import dev.tokenkit.quota.UsageQuota;
import dev.tokenkit.sharedsecret.KeyRing;
import dev.tokenkit.sharedsecret.SharedSecrets;
import dev.tokenkit.signature.SignatureVerifier;
import dev.tokenkit.spi.AuditListener;
import dev.tokenkit.spi.MetricsListener;
import dev.tokenkit.spi.SecretHasher;
import dev.tokenkit.spi.TokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Management rights: every call is checked against its actor's {@link ManagementScope} (operations, owners in
 * reach, the most it may grant) and refused with {@link InsufficientScopeException}, audited, when it exceeds it.
 * An {@link Actor} made without a scope, and the read methods without an actor ({@link #get(String)},
 * {@link #list(TokenQuery)}, {@link #audit(AuditQuery)}), have full rights: host code keeps working unchanged; pass
 * the caller's scope ({@code actor.withScope(...)}, {@link #get(Actor, String)}, {@link #list(Actor, TokenQuery)},
 * {@link #audit(Actor, AuditQuery)}) whenever you act for someone else. A token rotates itself without management
 * rights through {@link #rotateSelf(VerifiedToken, Duration, String)}.
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

  private final TokenStore store;
  private final Map<String, Role> roles;
  private final ExpiryPolicy expiryPolicy;
  private final TokenFormat format;
  private final LastUseRecorder lastUse;
  private final Authenticator authenticator;
  private final TokenManagement management;
  private final TokenViews views;
  private final VerificationCache cache;
  private final MetricsListener metrics;
  private final SharedSecretManager sharedSecrets;
  private final ScopedReads reads;
  private final UsageQuotas quotas;
  private final LifecycleSweep lifecycle;
  private final TimeSource time;
  private final ImportedKeyIndex importedKeys;
  private final AutoCloseable importedKeysSubscription;
  private final AutoCloseable subscription;
  private final AutoCloseable sharedSecretSubscription;
  private final KnownIds knownIds;
  private final AutoCloseable knownIdsSubscription;
  private final LeakHandling leaks;
  private final UsageReports usage;

  private TokenService(Builder b) {
    TimeSource time = new TimeSource(b.clock);
    this.time = time;
    Hashers hashers = new Hashers(b.hasher, b.extraHashers);
    VerificationCache cache = new VerificationCache(b.cacheTtl, b.cacheMaximumSize, b.negativeCacheTtl,
        time.ticker());
    AuditTrail audit = new AuditTrail(b.store, b.auditListeners, time, b.random);
    this.store = b.store;
    this.roles = Map.copyOf(b.roles);
    this.expiryPolicy = b.expiryPolicy;
    this.format = b.format;
    this.cache = cache;
    this.metrics = b.metricsListener;
    this.lastUse = new LastUseRecorder(store, b.lastUseFlushInterval);
    this.views = new TokenViews(store, time, lastUse);
    ScopeGuard guard = new ScopeGuard(roles, audit, time);
    this.knownIds = new KnownIds(store, b.knownIdsRefresh, b.unknownIdReadsPerSecond, time.ticker());
    this.importedKeys = new ImportedKeyIndex(store);
    this.management = new TokenManagement(b, time, hashers, roles, cache, audit, views, guard, knownIds,
        importedKeys);
    this.reads = new ScopedReads(store, views, guard);
    this.usage = new UsageReports(store, reads, roles, time, audit, this::flushUsesQuietly);
    this.leaks = new LeakHandling(store, new TokenCodec(format.acceptedPrefixes()), hashers, cache, audit, time);
    this.quotas = new UsageQuotas(store, time, cache, audit, views, guard);
    this.lifecycle = new LifecycleSweep(store, time, audit, cache, b.expiryNoticeLeadTimes, b.idleAfter,
        b.lifecycleInterval);
    this.authenticator = new Authenticator(new TokenCodec(format.acceptedPrefixes()), store, cache, hashers,
        roles::get, time.clock(), new FailureThrottle(b.maxFailuresPerWindow, b.failureWindow, time.ticker()),
        lastUse, audit, VerifiedToken.FACTORY, knownIds, b.expiryPolicy, importedKeys);
    this.sharedSecrets = new SharedSecretManager(store, b.sharedSecretKeys, audit, time, b.random,
        new SharedSecretManager.Settings(b.maxGracePeriod, b.cacheTtl, SignatureVerifier.builder()
            .maxClockSkew(b.signatureClockSkew).requireNonce(b.requireSignatureNonce)), guard::refuse);
    this.subscription = store.subscribe(cache.changeListener());
    this.sharedSecretSubscription = store.subscribe(sharedSecrets.changeListener());
    this.knownIdsSubscription = store.subscribe(knownIds);
    this.importedKeysSubscription = store.subscribe(importedKeys);
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
    return management.issue(actor, request);
  }

  /**
   * A token's metadata with its effective status and latest use.
   *
   * @param id the token id; never {@code null}
   * @return the token
   * @throws TokenNotFoundException when no token has the id
   */
  public Token get(String id) {
    return views.get(id);
  }

  /**
   * A token's metadata, as a scoped caller may see it.
   *
   * @param actor who reads; its scope must allow {@code view} over the token's owner; never {@code null}
   * @param id the token id; never {@code null}
   * @return the token
   * @throws TokenNotFoundException when no token has the id
   * @throws InsufficientScopeException when the scope does not allow it (audited)
   */
  public Token get(Actor actor, String id) {
    return reads.get(actor, id);
  }

  /**
   * A token's metadata, if it exists.
   *
   * @param id the token id; never {@code null}
   * @return the token or empty
   */
  public Optional<Token> find(String id) {
    return views.find(id);
  }

  /**
   * Lists tokens, newest first, with filters and keyset paging.
   *
   * @param query filters and paging; never {@code null}
   * @return one page
   * @throws InvalidInputException when the cursor is not one this library produced
   */
  public Page<Token> list(TokenQuery query) {
    return views.list(query);
  }

  /**
   * Lists the tokens a scoped caller may see: with an owner filter, that owner must be in reach; without one, an
   * owner-scoped caller sees only the tokens of owners in reach.
   *
   * @param actor who reads; its scope must allow {@code list}; never {@code null}
   * @param query filters and paging; never {@code null}
   * @return one page (with several owners in reach it may hold fewer items than the limit and still a cursor)
   * @throws InsufficientScopeException when the scope does not allow it (audited)
   */
  public Page<Token> list(Actor actor, TokenQuery query) {
    return reads.list(actor, query);
  }

  /**
   * Active tokens that expire within the given time ("expiring within N days"), soonest first.
   *
   * @param within how far ahead to look, e.g. {@code Duration.ofDays(14)}
   * @return the tokens
   */
  public List<Token> expiringWithin(Duration within) {
    return views.expiringWithin(within);
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
    return management.update(actor, id, update);
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
    return management.rotate(actor, id, gracePeriod);
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
    return management.regenerate(actor, id, expiration);
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
    return management.transition(actor, id, TokenStatus.DISABLED, AuditEventType.DISABLED,
        ManagementOperation.DISABLE);
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
    return management.transition(actor, id, TokenStatus.ACTIVE, AuditEventType.ENABLED,
        ManagementOperation.ENABLE);
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
    return management.transition(actor, id, TokenStatus.REVOKED, AuditEventType.REVOKED,
        ManagementOperation.REVOKE);
  }

  /**
   * Revokes every token of an owner ("Revoke All").
   *
   * @param actor who; never {@code null}
   * @param owner the owner, as created (it is NFC-normalised like stored owners, so either spelling matches); never
   *     {@code null}
   * @return how many tokens were revoked (already revoked ones are not counted)
   */
  public int revokeAll(Actor actor, String owner) {
    return management.revokeAll(actor, owner);
  }

  /**
   * Takes one use of the token's usage quota, if it has one (see {@link UsageQuota}). The servlet filter calls it
   * for every request it lets through, after rate limits and signature checks; hosts that call
   * {@link #authenticate} themselves call it when they serve the request.
   *
   * <pre>{@code
   * if (!tokens.consumeUse(verified)) { answer429(); }
   * }</pre>
   *
   * @param token a token verified by {@link #authenticate}; never {@code null}
   * @return {@code true} when the request may go on (a use was taken, or the token has no quota); {@code false}
   *     when the quota is exhausted
   * @throws StoreUnavailableException when the store cannot be reached
   */
  public boolean consumeUse(VerifiedToken token) {
    return quotas.consumeUse(Objects.requireNonNull(token, "token"));
  }

  /**
   * A token's usage quota as it stands now (a due refill applied).
   *
   * @param actor who; needs VIEW over the token's owner; never {@code null}
   * @param id the token id; never {@code null}
   * @return the quota, or {@code null} when the token has none
   * @throws TokenNotFoundException when no token has the id
   * @throws InsufficientScopeException when outside the actor's scope
   */
  public UsageQuota quota(Actor actor, String id) {
    return quotas.view(actor, id);
  }

  /**
   * Sets (or replaces) a token's usage quota; an audited management change ({@link AuditEventType#QUOTA_CHANGED}).
   *
   * @param actor who; needs EDIT over the token's owner; never {@code null}
   * @param id the token id; never {@code null}
   * @param quota e.g. {@code UsageQuota.refilled(100, RefillSchedule.DAILY)}; never {@code null}
   * @return the stored quota
   * @throws TokenNotFoundException when no token has the id
   * @throws IllegalTransitionException when the token is revoked
   * @throws InsufficientScopeException when outside the actor's scope
   * @throws UnsupportedOperationException when the store has no quotas
   */
  public UsageQuota setQuota(Actor actor, String id, UsageQuota quota) {
    return quotas.set(actor, id, quota);
  }

  /**
   * Restores a token's usage quota to its amount.
   *
   * @param actor who; needs EDIT over the token's owner; never {@code null}
   * @param id the token id; never {@code null}
   * @return the stored quota
   * @throws InvalidInputException when the token has no quota
   * @throws TokenNotFoundException when no token has the id
   */
  public UsageQuota resetQuota(Actor actor, String id) {
    return quotas.reset(actor, id);
  }

  /**
   * Removes a token's usage quota: it may be used without a count again.
   *
   * @param actor who; needs EDIT over the token's owner; never {@code null}
   * @param id the token id; never {@code null}
   * @throws TokenNotFoundException when no token has the id
   */
  public void removeQuota(Actor actor, String id) {
    quotas.remove(actor, id);
  }

  /**
   * Why a token is blocked although its status is ACTIVE: {@link FailureReason#POLICY_VIOLATION} when it exceeds the
   * current expiry policy ({@link ExpiryPolicy#isExceededBy(Instant, Instant)}: a longer remaining lifetime than
   * the maximum, or "never" where it is forbidden). Regenerating it within the policy lifts the block.
   *
   * @param token a token as read from this service; never {@code null}
   * @return the reason, or {@code null} when nothing blocks it beyond its status
   */
  public FailureReason blockedReason(Token token) {
    Objects.requireNonNull(token, "token");
    return token.status() != TokenStatus.REVOKED && expiryPolicy.isExceededBy(token.expiresAt(), time.now())
        ? FailureReason.POLICY_VIOLATION : null;
  }

  /**
   * Imports an API key from another system so that integrations keep working through a migration: a token with a
   * new TokenKit id, the request's owner, name, role, grants and expiry, and the imported key as its secret (its
   * plain text hashed now, or its SHA-256 or Argon2id hash as given). The key keeps working as it is, found through
   * the imported-key index (its digest, or its own lookup prefix for Argon2id), never by scanning; rotating or
   * regenerating the token later hands out a TokenKit-format secret. Audited as {@link AuditEventType#ISSUED} with
   * the detail "imported (...)".
   *
   * <pre>{@code
   * tokens.importKey(admin, IssueRequest.builder("legacy-billing", "acme").role("READONLY").build(),
   *     KeyImport.plainText(legacyKey));
   * }</pre>
   *
   * @param actor who; needs ISSUE over the owner, within its grant cap; never {@code null}
   * @param request owner, name, role, grants, expiry; never {@code null}
   * @param key the key; never {@code null}
   * @return the token (no secret: the caller already has it)
   * @throws InvalidInputException when a field is invalid, the key was imported before, or Argon2id hashes cannot
   *     be verified by this service
   * @throws DuplicateTokenException when the owner has a token of that name
   * @throws UnsupportedOperationException when the store cannot import keys
   */
  public Token importKey(Actor actor, IssueRequest request, KeyImport key) {
    return management.importKey(actor, request, key);
  }

  /**
   * Runs one lifecycle pass now (it also runs every {@link Builder#lifecycleInterval(Duration)} on a daemon thread):
   * delivers due expiry notices ({@link AuditEventType#EXPIRING_SOON}, {@link AuditEventType#EXPIRED}) to the audit
   * trail and the {@link AuditListener}s, each once per token and lead time across all nodes sharing the store, and
   * disables idle tokens when {@link Builder#disableIdleTokens(Duration)} is set.
   *
   * @return what this node did
   * @throws StoreUnavailableException when the store cannot be reached
   */
  public SweepReport sweepLifecycle() {
    return lifecycle.run();
  }

  /**
   * The lead times of expiry notices, e.g. to mark tokens expiring soon.
   *
   * @return the lead times (default 30, 7 and 1 days); empty when notices are off
   */
  public List<Duration> expiryNoticeLeadTimes() {
    return lifecycle.leadTimes();
  }

  /**
   * The idle-token policy.
   *
   * @return how long a token may stay unused before it is disabled, or {@code null} when the policy is off
   */
  public Duration idleTokenLimit() {
    return lifecycle.idleAfter();
  }

  /**
   * Deletes a token permanently; its audit events remain.
   *
   * @param actor who; never {@code null}
   * @param id the token id; never {@code null}
   * @throws TokenNotFoundException when no token has the id
   */
  public void delete(Actor actor, String id) {
    management.delete(actor, id);
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
   * The audit trail as a scoped caller may see it: events of tokens of owners in reach (an owner-scoped caller
   * does not see events of deleted tokens, whose owner is no longer known).
   *
   * @param actor who reads; its scope must allow {@code audit}; never {@code null}
   * @param query filters and paging; never {@code null}
   * @return one page
   * @throws InsufficientScopeException when the scope does not allow it (audited)
   */
  public Page<AuditEvent> audit(Actor actor, AuditQuery query) {
    return reads.audit(actor, query);
  }

  /**
   * Checks that an actor may perform an operation over an owner (or over every owner), as every management call
   * does; a refusal is audited ({@link AuditEventType#MANAGEMENT_DENIED}) and thrown. For host code and extensions
   * that guard their own management features with the same scopes, e.g. revealing a shared secret only to callers
   * with write rights over every owner.
   *
   * <pre>{@code
   * tokens.requireScope(actor, ManagementOperation.EDIT, null); // write over all owners, or InsufficientScopeException
   * }</pre>
   *
   * @param actor the caller; never {@code null}
   * @param operation what it wants to do; never {@code null}
   * @param owner the owner concerned, or {@code null} to require reach over every owner
   * @throws InsufficientScopeException when the scope does not allow it (audited)
   */
  public void requireScope(Actor actor, ManagementOperation operation, String owner) {
    Objects.requireNonNull(operation, "operation");
    management.requireScope(Objects.requireNonNull(actor, "actor"), operation, owner);
  }

  /**
   * A token rotates itself, without management rights (GitLab's {@code self_rotate}): a new secret for the same
   * id, grants and expiry (so it stays within the expiry policy), returned once; with a grace period the old
   * secret keeps working until it ends. The audit trail records the token as the actor. A secret that was already
   * rotated out (in its grace period) may not rotate again, so a leaked old secret cannot take over the token.
   *
   * <pre>{@code
   * VerifiedToken self = tokens.authenticate(presented, AuthContext.anyApi(clientIp)).token();
   * IssuedToken fresh = tokens.rotateSelf(self, Duration.ofHours(1), clientIp);
   * }</pre>
   *
   * @param self the token as verified from the request; never {@code null}
   * @param gracePeriod how long the old secret still works; {@code null} or zero for none
   * @param ip the client IP for the audit trail, or {@code null}
   * @return the token and its new full token string
   * @throws InsufficientScopeException when the presented secret is a rotated-out one (audited)
   * @throws InvalidInputException when the grace period is negative or above the configured maximum
   * @throws TokenNotFoundException when the token was deleted meanwhile
   * @throws IllegalTransitionException when the token was revoked meanwhile
   */
  public IssuedToken rotateSelf(VerifiedToken self, Duration gracePeriod, String ip) {
    return management.rotateSelf(self, gracePeriod, ip);
  }

  /**
   * Handles a token reported as leaked, e.g. by GitHub's secret scanning (the servlet module's
   * {@code SecretScanningServlet} calls this for every match). When the text is the secret of one of this service's
   * tokens, the token is revoked (or disabled) and a {@link AuditEventType#LEAK_REPORTED} event with the reporter,
   * source and URL is stored in the same store step, the local cache is invalidated before this returns, other nodes
   * follow through the change feed, and the audit listeners hear of it. Anything else is a false positive and changes
   * nothing. No management scope is checked: the caller has verified that the report is genuine.
   *
   * <pre>{@code
   * LeakVerdict v = tokens.reportLeak(new Actor("github-secret-scanning", ip), match,
   *     new LeakReport("github", "content", url), LeakAction.REVOKE);
   * }</pre>
   *
   * @param actor who reports it (recorded in the audit trail); never {@code null}
   * @param presentedToken the reported text, possibly {@code null} or not a token at all
   * @param where reporter, source and URL of the finding; never {@code null}
   * @param action revoke or disable a matching token; never {@code null}
   * @return the verdict; never {@code null}
   * @throws StoreUnavailableException when the store cannot be reached (nothing was decided; report again)
   */
  public LeakVerdict reportLeak(Actor actor, String presentedToken, LeakReport where, LeakAction action) {
    return leaks.report(actor, presentedToken, where, action);
  }

  /**
   * The unused-access report (AWS IAM Access Advisor's "last accessed", for tokens): every active or disabled token
   * the caller may list (of one owner, or all in reach) that holds a grant it has not used for {@code unusedFor}, or
   * never used, with the last use of each API. Per-API uses are written behind like last use (pending ones are
   * flushed first); a token's use of an API is recorded when the filter routes a request to that API.
   *
   * <pre>{@code
   * for (UnusedAccess u : tokens.unusedAccess(admin, null, Duration.ofDays(90))) {
   *   System.out.println(u.token().name() + " never/long unused: " + u.unused());
   * }
   * }</pre>
   *
   * @param actor who asks; its scope must allow {@code list} over the owners; never {@code null}
   * @param owner one owner, or {@code null} for every owner in reach
   * @param unusedFor the period, 1 day to 10 years
   * @return the tokens with unused grants, newest first; never {@code null}
   * @throws InvalidInputException when the period is out of range
   * @throws InsufficientScopeException when the scope does not allow listing (audited)
   * @throws IllegalStateException when the store does not keep per-API uses ({@link TokenStore#recordsApiUse()})
   */
  public List<UnusedAccess> unusedAccess(Actor actor, String owner, Duration unusedFor) {
    return usage.unused(actor, owner, unusedFor, false);
  }

  /**
   * {@link #unusedAccess} that also records one {@link AuditEventType#UNUSED_ACCESS_REPORTED} event per listed token
   * (stored and handed to the audit listeners, e.g. to open a ticket), the detail naming the unused grants.
   *
   * @param actor who asks; never {@code null}
   * @param owner one owner, or {@code null} for every owner in reach
   * @param unusedFor the period, 1 day to 10 years
   * @return the report; never {@code null}
   * @throws InvalidInputException when the period is out of range
   * @throws InsufficientScopeException when the scope does not allow listing (audited)
   * @throws IllegalStateException when the store does not keep per-API uses
   */
  public List<UnusedAccess> reportUnusedAccess(Actor actor, String owner, Duration unusedFor) {
    return usage.unused(actor, owner, unusedFor, true);
  }

  /**
   * Narrows a token to what it used: its grants become exactly the APIs it used within {@code usedWithin}, each at the
   * level it has there now, and {@code *} NONE for everything else (which also overrides its role's grants). It is
   * an ordinary {@link #update}: checked against the caller's scope and audited as {@link AuditEventType#UPDATED}
   * with the detail {@code narrowed to used APIs (N days)}.
   *
   * <pre>{@code
   * Token narrowed = tokens.narrowToUsed(admin, id, Duration.ofDays(90));
   * }</pre>
   *
   * @param actor who; its scope must allow {@code edit} of the token; never {@code null}
   * @param id the token id; never {@code null}
   * @param usedWithin the period whose uses are kept, 1 day to 10 years
   * @return the updated token
   * @throws TokenNotFoundException when no token has the id
   * @throws InvalidInputException when the period is out of range
   * @throws InsufficientScopeException when the scope does not allow it (audited)
   * @throws IllegalTransitionException when the token is revoked
   * @throws ConcurrentUpdateException when another call changed the token meanwhile
   */
  public Token narrowToUsed(Actor actor, String id, Duration usedWithin) {
    Objects.requireNonNull(id, "id");
    Map<String, AccessLevel> keep = usage.usedGrants(views.load(id).token(), usedWithin);
    return management.update(actor, id, TokenUpdate.builder().access(keep).build(),
        "narrowed to used APIs (" + usedWithin.toDays() + " days)");
  }

  private void flushUsesQuietly() {
    try {
      lastUse.flush();
    } catch (RuntimeException e) {
      LOG.warn("Could not flush pending uses before a usage report ({}); the report may miss the latest uses",
          e.toString());
    }
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
   * The shared secrets of integrations (seed 001's "API shared secret"): create, list, reveal, rotate, delete, and
   * the RFC 9421 signature check the filter runs for tokens with a {@code signatureSecretId}. Needs a key ring
   * ({@link Builder#sharedSecretKeys(KeyRing)}) and a store that keeps shared secrets.
   *
   * <pre>{@code
   * CreatedSharedSecret s = tokens.sharedSecrets().create(admin, "billing-integration");
   * }</pre>
   *
   * @return the shared secrets; never {@code null}
   */
  public SharedSecrets sharedSecrets() {
    return sharedSecrets;
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
    for (AutoCloseable s : List.of(subscription, sharedSecretSubscription, knownIdsSubscription,
        importedKeysSubscription)) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.warn("Closing the change-feed subscription failed ({})", e.toString());
      }
    }
    knownIds.close();
    importedKeys.close();
    lastUse.close();
    lifecycle.close();
  }

  /**
   * Builds a {@link TokenService}. Setters validate at once; not thread-safe; {@link #build()} returns an
   * immutable, thread-safe service.
   */
  public static final class Builder {
    TokenStore store;
    Clock clock = Clock.systemUTC();
    SecureRandom random;
    TokenFormat format = TokenFormat.defaults();
    SecretHasher hasher = SecretHashers.sha256();
    final List<SecretHasher> extraHashers = new ArrayList<>();
    final Map<String, Role> roles = new LinkedHashMap<>();
    ExpiryPolicy expiryPolicy = ExpiryPolicy.defaults();
    Duration maxGracePeriod = Duration.ofDays(30);
    Duration cacheTtl = Duration.ofSeconds(30);
    long cacheMaximumSize = 1_000_000;
    Duration negativeCacheTtl = Duration.ofSeconds(5);
    int unknownIdReadsPerSecond = 2;
    Duration knownIdsRefresh = Duration.ofMinutes(10);
    int maxFailuresPerWindow = 20;
    Duration failureWindow = Duration.ofMinutes(1);
    Duration lastUseFlushInterval = Duration.ofSeconds(10);
    final List<AuditListener> auditListeners = new ArrayList<>();
    MetricsListener metricsListener = MetricsListener.NONE;
    KeyRing sharedSecretKeys;
    Duration signatureClockSkew = Duration.ofSeconds(300);
    boolean requireSignatureNonce;
    List<Duration> expiryNoticeLeadTimes = LifecycleSweep.defaults();
    Duration idleAfter;
    Duration lifecycleInterval = Duration.ofHours(1);

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
     * The clock (default UTC system clock): the one time source for issue times, expiry and last use, and for the
     * lifetimes of the verification cache, the negative cache, the failure-throttle window and the audit
     * de-duplication (through a Caffeine ticker derived from it; with a non-system clock it has millisecond
     * resolution). A fake clock in tests therefore moves cache expiry too, without sleeping.
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
     * Flood protection for the cold path. The service keeps the set of existing token ids (loaded from
     * {@link TokenStore#forEachId} in the background, reloaded every {@code refresh}, kept current by local issues
     * and the change feed); a well-formed token whose id is not in it is refused as {@code UNKNOWN} without a store
     * read, except for at most {@code readsPerSecond} reads per second on this node (default 2, in bursts of up to ten
     * seconds' worth), which let a token issued on another node moments ago work before the change feed reports it. Known ids are never limited, so a
     * flood of random ids cannot starve real tokens. Concurrent lookups of one id always share one store read.
     *
     * <pre>{@code
     * TokenService.builder().store(store).unknownIdReads(50, Duration.ofMinutes(5)).build();
     * }</pre>
     *
     * @param readsPerSecond store reads per second allowed for ids outside the set, at least 1
     * @param refresh how often the set is reloaded (which forgets deleted ids), a positive duration (default 10 min)
     * @return this builder
     * @throws IllegalArgumentException when {@code readsPerSecond} is below 1
     */
    public Builder unknownIdReads(int readsPerSecond, Duration refresh) {
      if (readsPerSecond < 1) {
        throw new IllegalArgumentException("readsPerSecond must be at least 1, got " + readsPerSecond
            + "; a token issued on another node needs one read before the change feed reports it");
      }
      this.unknownIdReadsPerSecond = readsPerSecond;
      this.knownIdsRefresh = positive(refresh, "refresh");
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
     * For tokens stored with an expensive hasher ({@link SecretHasher#isExpensiveToVerify()}: Argon2id, and custom
     * hashers unless they declare themselves cheap): after this many wrong secrets for one id within the window,
     * further checks are refused without running the hasher (default 20 per minute). Cheap hashers (the built-in
     * SHA-256 and HMAC-SHA256) are never throttled, so knowing a public id cannot lock its owner out.
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
     * The host's encryption keys for shared secrets (default none: shared secrets cannot be created). Keep the
     * keys out of the database, e.g. in a secret manager or an environment variable.
     *
     * @param keys the key ring, e.g. {@code KeyRing.builder().key("2026-01", bytes).build()}
     * @return this builder
     */
    public Builder sharedSecretKeys(KeyRing keys) {
      this.sharedSecretKeys = Objects.requireNonNull(keys, "keys");
      return this;
    }

    /**
     * How far a signed request's {@code created} may be from this service's clock, either way (default 300 s).
     *
     * @param skew between 1 second and 1 hour
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder signatureClockSkew(Duration skew) {
      SignatureVerifier.builder().maxClockSkew(skew);
      this.signatureClockSkew = skew;
      return this;
    }

    /**
     * Whether signed requests must carry a {@code nonce} (default {@code false}; TokenKit's client helper always
     * sends one). Without a nonce a signed request may be replayed within the clock skew.
     *
     * @param required whether to require it
     * @return this builder
     */
    public Builder requireSignatureNonce(boolean required) {
      this.requireSignatureNonce = required;
      return this;
    }

    /**
     * The lead times of expiry notices: an {@link AuditEventType#EXPIRING_SOON} event when a token's expiry is this
     * close (the shortest lead time reached; each once per token, lead time and expiry across all nodes) and an
     * {@link AuditEventType#EXPIRED} event after it. Default 30, 7 and 1 days; none turns notices off.
     *
     * @param leadTimes 1 hour to 366 days each, at most 10
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder expiryNotices(Duration... leadTimes) {
      if (leadTimes.length > 10) {
        throw new IllegalArgumentException("at most 10 expiry-notice lead times, e.g. 30, 7 and 1 days");
      }
      List<Duration> list = new ArrayList<>();
      for (Duration d : leadTimes) {
        Objects.requireNonNull(d, "leadTime");
        within(d, Duration.ofHours(1), Duration.ofDays(366), "expiry-notice lead times must be between 1 hour and 366 "
            + "days, got " + d);
        if (!list.contains(d)) {
          list.add(d);
        }
      }
      this.expiryNoticeLeadTimes = list;
      return this;
    }

    /**
     * Disables tokens unused for this long (off by default): the lifecycle pass moves ACTIVE tokens whose last use
     * (or, never used, their creation) is older to DISABLED, audited as {@link AuditEventType#DISABLED} with the
     * detail "idle: unused for N days" by the actor "tokenkit (lifecycle)". Enabling such a token again is an
     * ordinary enable.
     *
     * @param unusedFor 1 to 3650 days, or {@code null} to turn the policy off
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder disableIdleTokens(Duration unusedFor) {
      if (unusedFor != null) {
        within(unusedFor, Duration.ofDays(1), Duration.ofDays(3650),
            "disableIdleTokens must be between 1 and 3650 days, e.g. Duration.ofDays(90)");
      }
      this.idleAfter = unusedFor;
      return this;
    }

    /**
     * How often the lifecycle pass runs on its daemon thread (default 1 hour; the first run 5 minutes after start, or one interval when shorter).
     *
     * @param interval 1 minute to 1 day, or {@code null} to run it only through {@link TokenService#sweepLifecycle()}
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder lifecycleInterval(Duration interval) {
      if (interval != null) {
        within(interval, Duration.ofMinutes(1), Duration.ofDays(1),
            "lifecycleInterval must be between 1 minute and 1 day, e.g. Duration.ofHours(1)");
      }
      this.lifecycleInterval = interval;
      return this;
    }

    /**
     * Builds the service and starts its last-use flush thread.
     *
     * @return the service
     * @throws IllegalStateException when no store was set, or an Argon2id hasher was configured without the
     *     optional dependency de.mkammerer:argon2-jvm on the class path (the message says what to add)
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

    private static void within(Duration d, Duration min, Duration max, String message) {
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(message);
      }
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
