package dev.tokenkit.internal;

import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
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
   */
  public Authenticator(TokenCodec codec, TokenStore store, VerificationCache cache, Hashers hashers,
      Function<String, Role> roles, Clock clock, FailureThrottle throttle, LastUseRecorder lastUse, AuditTrail audit,
      VerifiedTokenFactory verifiedTokens, KnownIds knownIds) {
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
  }

  /**
   * Authenticates a presented token.
   *
   * @param presented the token text, possibly {@code null}
   * @param ctx what the request wants
   * @return the outcome
   */
  public AuthOutcome authenticate(String presented, AuthContext ctx) {
    ParsedToken parsed = codec.parse(presented);
    if (parsed == null) {
      return AuthOutcome.Rejected.of(FailureReason.MALFORMED);
    }
    String id = parsed.id();
    byte[] digest = Digests.sha256(parsed.bytes());
    CachedToken entry = cache.get(id);
    if (entry == null) {
      if (cache.isKnownUnknown(id) || !knownIds.mayExist(id) && !knownIds.tryUnknownRead()) {
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
    Instant now = clock.instant();
    String clientIp = ctx.clientIp() == null ? null : ctx.clientIp().toString();
    VerifiedToken token;
    if (MessageDigest.isEqual(digest, entry.currentDigest)) {
      token = entry.verified;
    } else if (entry.previousDigest != null && MessageDigest.isEqual(digest, entry.previousDigest)) {
      if (!now.isBefore(entry.previousValidUntil)) {
        return fail(id, FailureReason.INVALID_SECRET, clientIp);
      }
      token = entry.verifiedDeprecated;
    } else {
      token = slowCheck(entry, parsed, digest, now);
      if (token == null) {
        return fail(id, FailureReason.INVALID_SECRET, clientIp);
      }
    }
    if (entry.state == TokenStatus.REVOKED) {
      return fail(id, FailureReason.REVOKED, clientIp);
    }
    if (entry.state == TokenStatus.DISABLED) {
      return fail(id, FailureReason.DISABLED, clientIp);
    }
    if (entry.expiresAt != null && !now.isBefore(entry.expiresAt)) {
      return fail(id, FailureReason.EXPIRED, clientIp);
    }
    if (!entry.allowedIps.isEmpty() && !ipAllowed(entry, ctx.clientIp())) {
      return fail(id, FailureReason.IP_NOT_ALLOWED, clientIp);
    }
    if (ctx.api() != null && ctx.needed() != null && !token.allows(ctx.api(), ctx.needed())) {
      return fail(id, FailureReason.INSUFFICIENT_ACCESS, clientIp);
    }
    lastUse.record(id, now, clientIp);
    return new AuthOutcome.Verified(token);
  }

  private static boolean ipAllowed(CachedToken entry, IpAddress clientIp) {
    for (IpRange range : entry.allowedIps) {
      if (range.contains(clientIp)) {
        return true;
      }
    }
    return false;
  }

  /** Checks a secret not yet seen for this snapshot against the stored hashes; throttled per id for slow hashers. */
  private VerifiedToken slowCheck(CachedToken entry, ParsedToken parsed, byte[] digest, Instant now) {
    String id = parsed.id();
    StoredToken stored = entry.stored;
    // The throttle keeps a slow hasher from becoming a CPU attack. It must not block fast checks: ids are public,
    // so blocking would let anyone lock the right secret out whenever the token is not warm in the cache.
    if (throttle.isBlocked(id) && hashers.isExpensiveToVerify(stored.secretHash())) {
      return null;
    }
    if (hashers.verify(parsed.bytes(), stored.secretHash())) {
      entry.currentDigest = digest;
      upgradeOnUse(stored, parsed.bytes());
      return entry.verified;
    }
    if (entry.previousValidUntil != null && now.isBefore(entry.previousValidUntil)
        && hashers.verify(parsed.bytes(), stored.previousSecretHash())) {
      entry.previousDigest = digest;
      return entry.verifiedDeprecated;
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

  private AuthOutcome fail(String id, FailureReason reason, String clientIp) {
    audit.authenticationFailed(id, reason, clientIp);
    return AuthOutcome.Rejected.of(reason);
  }

  /** Builds a cache entry for a stored token, with the outcome tokens for its current and previous secret. */
  private CachedToken toEntry(StoredToken stored) {
    Token t = stored.token();
    VerifiedToken verified = verifiedTokens.verified(t, t.role() == null ? null : roles.apply(t.role()));
    Instant previousValidUntil = stored.previousSecretValidUntil();
    return new CachedToken(stored, verified,
        previousValidUntil == null ? null : verifiedTokens.deprecated(verified, previousValidUntil));
  }
}
