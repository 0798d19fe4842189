package dev.tokenkit.internal;

import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.ExpiryPolicy;
import dev.tokenkit.FailureReason;
import dev.tokenkit.IpAddress;
import dev.tokenkit.IpRange;
import dev.tokenkit.Role;
import dev.tokenkit.Token;
import dev.tokenkit.TokenKitException;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.VerifiedToken;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification path: parse (no store access on malformed input), cached lookup with a constant-time digest
 * compare, cold store lookup with the stored hasher, then status, expiry, IP and access checks.
 */
public final class Authenticator {
  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

  private final TokenCodec codec;
  private final TokenStore store;
  private final VerificationCache cache;
  private final Hashers hashers;
  private final Function<String, Role> roles;
  private final Clock clock;
  private final FailureThrottle throttle;
  private final LastUseRecorder lastUse;
  private final AuditTrail audit;
  private final VerifiedTokenFactory verifiedTokens;
  private final KnownIds knownIds;
  private final ExpiryPolicy policy;
  private final ImportedKeyIndex importedKeys;

  /**
   * Wires the path.
   *
   * @param codec parses tokens
   * @param store the store
   * @param cache the verification cache
   * @param hashers the hashers
   * @param roles role lookup by name ({@code null} result for unknown)
   * @param clock the clock
   * @param throttle the failure throttle
   * @param lastUse the last-use recorder
   * @param audit the audit trail
   * @param verifiedTokens creates the outcome tokens
   * @param knownIds the ids that exist, so unknown ids reach the store only at a bounded rate
   * @param policy the expiry policy: tokens exceeding it are refused with POLICY_VIOLATION
   * @param importedKeys the index of imported keys that do not follow TokenKit's format
   */
  public Authenticator(TokenCodec codec, TokenStore store, VerificationCache cache, Hashers hashers,
      Function<String, Role> roles, Clock clock, FailureThrottle throttle, LastUseRecorder lastUse, AuditTrail audit,
      VerifiedTokenFactory verifiedTokens, KnownIds knownIds, ExpiryPolicy policy,
      ImportedKeyIndex importedKeys) {
    this.codec = codec;
    this.store = store;
    this.cache = cache;
    this.hashers = hashers;
    this.roles = roles;
    this.clock = clock;
    this.throttle = throttle;
    this.lastUse = lastUse;
    this.audit = audit;
    this.verifiedTokens = verifiedTokens;
    this.knownIds = knownIds;
    this.policy = policy;
    this.importedKeys = importedKeys;
  }

  /**
   * Authenticates a presented token.
   *
   * <p>Hot path (issue 14), a cache hit whose digest matches: one pass over the token (shape, ASCII, id key), one
   * SHA-256 into a per-thread buffer, one cache lookup with a per-thread key, a constant-time compare, then
   * status, expiry ({@code clock.millis()}), IP and access checks on precomputed fields; the last use goes to the
   * entry's slot, and the outcome is the entry's preallocated one. Nothing is allocated. Checksum and alphabet
   * are checked only before a store access or hasher call (miss or digest mismatch).
   *
   * @param presented the token text, possibly {@code null}
   * @param ctx what the request wants
   * @return the outcome
   */
  public AuthOutcome authenticate(String presented, AuthContext ctx) {
    PresentedToken t = PresentedToken.get();
    try {
      return authenticate(presented, ctx, t);
    } finally {
      t.clear();
    }
  }

  private AuthOutcome authenticate(String presented, AuthContext ctx, PresentedToken t) {
    if (!codec.read(presented, t)) {
      String imported = importedKeys.find(presented);
      return imported == null ? AuthOutcome.Rejected.of(FailureReason.MALFORMED)
          : authenticateImported(presented, imported, ctx, t);
    }
    t.digest();
    CachedToken entry = cache.get(t);
    long now = clock.millis();
    AuthOutcome.Verified outcome;
    if (entry != null && MessageDigest.isEqual(t.digest, entry.currentDigest)) {
      outcome = entry.verifiedOutcome; // same bytes as a token verified before, so its format was checked then
    } else {
      // Everything below may reach the store or a hasher: the full format check first (checksum, alphabet).
      if (!codec.checkFormat(t)) {
        return AuthOutcome.Rejected.of(FailureReason.MALFORMED);
      }
      String id = t.idString();
      if (entry == null) {
        if (cache.isKnownUnknown(id)
            || !knownIds.mayExist(id) && (!ctx.unknownIdReads() || !knownIds.tryUnknownRead())) {
          return AuthOutcome.Rejected.of(FailureReason.UNKNOWN);
        }
        try {
          entry = cache.load(id, store::findById, this::toEntry);
        } catch (RuntimeException e) {
          LOG.warn("Token store unavailable while verifying token id {} ({})", id, e.toString());
          return AuthOutcome.Rejected.of(FailureReason.STORE_UNAVAILABLE);
        }
        if (entry == null) {
          return AuthOutcome.Rejected.of(FailureReason.UNKNOWN);
        }
      }
      outcome = coldCheck(entry, t, now);
      if (outcome == null) {
        return fail(id, FailureReason.INVALID_SECRET, ctx);
      }
    }
    if (entry.canary) {
      return canary(entry, now, ctx);
    }
    FailureReason refused = refusal(entry, now, ctx, outcome.token());
    if (refused != null) {
      return fail(entry.tokenId, refused, ctx);
    }
    lastUse.record(entry, now, ctx.clientIp() == null ? null : ctx.clientIp().toString());
    if (ctx.api() != null) {
      lastUse.recordApi(entry, ctx.api(), now);
    }
    return outcome;
  }

  /**
   * A canary's right secret: whatever its status, expiry or IP ranges, refused like a wrong secret and audited at
   * once, every time; its last use records the trigger.
   */
  private AuthOutcome canary(CachedToken entry, long now, AuthContext ctx) {
    String ip = ctx.clientIp() == null ? null : ctx.clientIp().toString();
    audit.canaryTriggered(entry.tokenId, ip, ctx.request());
    lastUse.record(entry, now, ip);
    return AuthOutcome.Rejected.of(FailureReason.CANARY);
  }

  /**
   * An imported key in its own format, found through the index: the same checks as a TokenKit token, with the
   * presented text hashed by the stored hash's algorithm (SHA-256 digests compare in constant time).
   */
  private AuthOutcome authenticateImported(String presented, String id, AuthContext ctx, PresentedToken t) {
    byte[] b = t.room(presented.length());
    for (int i = 0; i < presented.length(); i++) {
      b[i] = (byte) presented.charAt(i); // printable ASCII, checked by the index
    }
    t.length = presented.length();
    t.digest();
    long now = clock.millis();
    CachedToken entry = cache.get(id);
    try {
      entry = entry != null ? entry : cache.load(id, store::findById, this::toEntry);
    } catch (RuntimeException e) {
      LOG.warn("Token store unavailable while verifying imported key of token {} ({})", id, e.toString());
      return AuthOutcome.Rejected.of(FailureReason.STORE_UNAVAILABLE);
    }
    if (entry == null) {
      return AuthOutcome.Rejected.of(FailureReason.UNKNOWN);
    }
    AuthOutcome.Verified outcome = MessageDigest.isEqual(t.digest, entry.currentDigest) ? entry.verifiedOutcome
        : coldCheck(entry, t, now);
    if (outcome == null) {
      return fail(id, FailureReason.INVALID_SECRET, ctx);
    }
    if (entry.canary) {
      return canary(entry, now, ctx);
    }
    FailureReason refused = refusal(entry, now, ctx, outcome.token());
    if (refused != null) {
      return fail(id, refused, ctx);
    }
    lastUse.record(entry, now, ctx.clientIp() == null ? null : ctx.clientIp().toString());
    if (ctx.api() != null) {
      lastUse.recordApi(entry, ctx.api(), now);
    }
    return outcome;
  }

  /** Status, expiry, IP and access, on the entry's precomputed fields; {@code null} when all pass. */
  private static FailureReason refusal(CachedToken entry, long now, AuthContext ctx, VerifiedToken token) {
    if (entry.state == TokenStatus.REVOKED) {
      return FailureReason.REVOKED;
    }
    if (entry.state == TokenStatus.DISABLED) {
      return FailureReason.DISABLED;
    }
    if (now >= entry.expiresAtMillis) {
      return FailureReason.EXPIRED;
    }
    if (now < entry.compliantFromMillis) {
      return FailureReason.POLICY_VIOLATION;
    }
    if (entry.allowedIps.length > 0 && !ipAllowed(entry, ctx.clientIp())) {
      return FailureReason.IP_NOT_ALLOWED;
    }
    if (ctx.api() != null && ctx.needed() != null && !token.allows(ctx.api(), ctx.needed())) {
      return FailureReason.INSUFFICIENT_ACCESS;
    }
    return null;
  }

  private static boolean ipAllowed(CachedToken entry, IpAddress clientIp) {
    for (IpRange range : entry.allowedIps) {
      if (range.contains(clientIp)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A secret whose digest is not the entry's verified current one: the previous secret's verified digest in its
   * grace period, else a check against the stored hashes; {@code null} when it does not match.
   */
  private AuthOutcome.Verified coldCheck(CachedToken entry, PresentedToken t, long now) {
    boolean inGrace = now < entry.previousValidUntilMillis;
    byte[] previous = entry.previousDigest;
    if (previous != null && MessageDigest.isEqual(t.digest, previous)) {
      return inGrace ? entry.deprecatedOutcome : null;
    }
    return slowCheck(entry, t, inGrace);
  }

  /** Checks a secret not yet seen for this snapshot against the stored hashes; throttled per id for slow hashers. */
  private AuthOutcome.Verified slowCheck(CachedToken entry, PresentedToken t, boolean inGrace) {
    String id = entry.tokenId;
    StoredToken stored = entry.stored;
    // The throttle keeps a slow hasher from becoming a CPU attack. It must not block fast checks: ids are public,
    // so blocking would let anyone lock the right secret out whenever the token is not warm in the cache.
    if (throttle.isBlocked(id) && hashers.isExpensiveToVerify(stored.secretHash())) {
      return null;
    }
    byte[] bytes = t.copyBytes();
    // t.digest is the token's SHA-256, already computed for the cache: a SHA-256 stored hash is checked against
    // it instead of hashing the token a second time (issue 14).
    if (hashers.verify(bytes, t.digest, stored.secretHash())) {
      entry.currentDigest = t.copyDigest();
      upgradeOnUse(stored, bytes);
      return entry.verifiedOutcome;
    }
    if (inGrace && hashers.verify(bytes, t.digest, stored.previousSecretHash())) {
      entry.previousDigest = t.copyDigest();
      return entry.deprecatedOutcome;
    }
    throttle.recordFailure(id);
    return null;
  }

  private void upgradeOnUse(StoredToken stored, byte[] tokenBytes) {
    if (hashers.current().isCurrent(stored.secretHash())) {
      return;
    }
    Token t = stored.token();
    Token next = t.nextVersion(t.updatedAt()); // a re-hash is no management change
    try {
      store.update(new StoredToken(next, hashers.current().hash(tokenBytes), stored.previousSecretHash(),
          stored.previousSecretValidUntil()), t.version());
      cache.invalidate(t.id());
      LOG.debug("Re-hashed token {} with {}", t.id(), hashers.current().algorithm());
    } catch (TokenKitException e) {
      LOG.debug("Upgrade-on-use of token {} skipped ({})", t.id(), e.getClass().getSimpleName());
    }
  }

  private AuthOutcome fail(String id, FailureReason reason, AuthContext ctx) {
    audit.authenticationFailed(id, reason, ctx.clientIp() == null ? null : ctx.clientIp().toString());
    return AuthOutcome.Rejected.of(reason);
  }

  /** Builds a cache entry for a stored token, with the outcome tokens for its current and previous secret. */
  private CachedToken toEntry(StoredToken stored) {
    Token t = stored.token();
    VerifiedToken verified = verifiedTokens.verified(t, t.role() == null ? null : roles.apply(t.role()),
        stored.quota() != null);
    Instant previousValidUntil = stored.previousSecretValidUntil();
    return new CachedToken(stored, verified,
        previousValidUntil == null ? null : verifiedTokens.deprecated(verified, previousValidUntil),
        policy.compliesFrom(t.expiresAt()));
  }
}
