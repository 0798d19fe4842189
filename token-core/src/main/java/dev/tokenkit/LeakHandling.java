package dev.tokenkit;

import dev.tokenkit.internal.AuditText;
import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.Digests;
import dev.tokenkit.internal.Hashers;
import dev.tokenkit.internal.ParsedToken;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.internal.VerificationCache;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Reported leaks (issue 19): checks that a reported text is one of our secrets, revokes or disables the token with
 * its {@link AuditEventType#LEAK_REPORTED} event in the same store step (so other nodes learn of it through the
 * change feed), invalidates the local cache and tells the listeners. Thread-safe.
 */
final class LeakHandling {
  private static final int ATTEMPTS = 3;

  private final TokenStore store;
  private final TokenCodec codec;
  private final Hashers hashers;
  private final VerificationCache cache;
  private final AuditTrail audit;
  private final TimeSource time;

  LeakHandling(TokenStore store, TokenCodec codec, Hashers hashers, VerificationCache cache, AuditTrail audit,
      TimeSource time) {
    this.store = store;
    this.codec = codec;
    this.hashers = hashers;
    this.cache = cache;
    this.audit = audit;
    this.time = time;
  }

  LeakVerdict report(Actor actor, String presented, LeakReport where, LeakAction action) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(action, "action");
    ParsedToken parsed = codec.parse(presented);
    if (parsed == null) {
      return LeakVerdict.FALSE_POSITIVE;
    }
    byte[] digest = Digests.sha256(parsed.bytes());
    for (int attempt = 1; ; attempt++) {
      Optional<StoredToken> found = store.findById(parsed.id());
      if (found.isEmpty() || !matches(found.get(), parsed.bytes(), digest)) {
        return LeakVerdict.FALSE_POSITIVE;
      }
      StoredToken current = found.get();
      try {
        return apply(actor, current, where, action);
      } catch (ConcurrentUpdateException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private boolean matches(StoredToken s, byte[] bytes, byte[] digest) {
    if (hashers.verify(bytes, digest, s.secretHash())) {
      return true;
    }
    Instant until = s.previousSecretValidUntil();
    return until != null && time.now().isBefore(until) && hashers.verify(bytes, digest, s.previousSecretHash());
  }

  private LeakVerdict apply(Actor actor, StoredToken current, LeakReport where, LeakAction action) {
    Token t = current.token();
    TokenStatus target = action == LeakAction.REVOKE ? TokenStatus.REVOKED : TokenStatus.DISABLED;
    boolean change = t.status() != TokenStatus.REVOKED && t.status() != target;
    String detail = AuditText.field("reporter", where.reporter(), 40) + " "
        + AuditText.field("source", where.source(), 40) + " " + AuditText.field("url", where.url(), 400) + " "
        + "action=" + (change ? target.name().toLowerCase(java.util.Locale.ROOT) : "none (already " + t.status()
            .name().toLowerCase(java.util.Locale.ROOT) + ")");
    AuditEvent event = audit.event(AuditEventType.LEAK_REPORTED, t.id(), actor, detail);
    if (change) {
      store.update(current.withToken(t.withStatus(target).nextVersion(time.now())), current.version(), event);
      cache.invalidate(t.id());
    } else {
      store.appendAudit(event);
    }
    audit.published(event);
    return new LeakVerdict(t.id(), true, change);
  }
}
