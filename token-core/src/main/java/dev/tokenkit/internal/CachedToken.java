package dev.tokenkit.internal;

import dev.tokenkit.AuthOutcome;
import dev.tokenkit.IpRange;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.VerifiedToken;
import dev.tokenkit.spi.StoredToken;
import java.time.Instant;

/**
 * A verification-cache entry: a snapshot of one stored token plus the SHA-256 digests of the presented secrets
 * already verified against that snapshot's hashes, so the hot path is one SHA-256 and a constant-time compare
 * whatever hasher stores the secret.
 *
 * <p>Issue 14: everything the hot path needs is precomputed here in the form it is used — instants as epoch
 * milliseconds, IP ranges as an array, the success outcomes preallocated (they are immutable) — and the entry is
 * the token's last-use {@link UseSlot}, so a cached verification allocates nothing.
 */
final class CachedToken extends UseSlot {
  final StoredToken stored;
  final VerifiedToken verified;
  final VerifiedToken verifiedDeprecated;
  /** The outcome for the current secret, shared by every verification of this snapshot. */
  final AuthOutcome.Verified verifiedOutcome;
  /** The outcome for the previous secret in its grace period, or {@code null}. */
  final AuthOutcome.Verified deprecatedOutcome;
  final TokenStatus state;
  /** Expiry in epoch milliseconds (rounded up), {@link Long#MAX_VALUE} for never. */
  final long expiresAtMillis;
  /** Allowed ranges; empty for anywhere. */
  final IpRange[] allowedIps;
  /** End of the previous secret's grace period in epoch milliseconds (rounded up), {@link Long#MIN_VALUE} for none. */
  final long previousValidUntilMillis;
  /** Whether the token is a canary: its right secret is refused and audited. */
  final boolean canary;
  /** Per-API use slots of this snapshot (issue 19), by API name. */
  final java.util.concurrent.ConcurrentHashMap<String, ApiUseRecorder.Slot> apiSlots =
      new java.util.concurrent.ConcurrentHashMap<>(2);
  /** From when the token is within the expiry policy (epoch ms); {@link Long#MIN_VALUE} for always. */
  final long compliantFromMillis;
  volatile byte[] currentDigest;
  volatile byte[] previousDigest;

  /**
   * Creates an entry.
   *
   * @param stored the snapshot
   * @param verified the outcome token for the current secret
   * @param verifiedDeprecated the outcome token for the previous secret in its grace period, or {@code null}
   * @param compliesFrom from when the token is within the expiry policy ({@code null}: always)
   */
  CachedToken(StoredToken stored, VerifiedToken verified, VerifiedToken verifiedDeprecated, Instant compliesFrom) {
    super(stored.id());
    this.stored = stored;
    this.verified = verified;
    this.verifiedDeprecated = verifiedDeprecated;
    this.verifiedOutcome = new AuthOutcome.Verified(verified);
    this.deprecatedOutcome = verifiedDeprecated == null ? null : new AuthOutcome.Verified(verifiedDeprecated);
    Instant previousValidUntil = stored.previousSecretValidUntil();
    this.previousValidUntilMillis = previousValidUntil == null ? Long.MIN_VALUE : ceilMillis(previousValidUntil);
    this.state = stored.token().status();
    Instant expiresAt = stored.token().expiresAt();
    this.expiresAtMillis = expiresAt == null ? Long.MAX_VALUE : ceilMillis(expiresAt);
    this.allowedIps = stored.token().allowedIps().toArray(new IpRange[0]);
    this.canary = stored.token().canary();
    this.compliantFromMillis = compliesFrom == null ? Long.MIN_VALUE : ceilMillis(compliesFrom);
  }

  /**
   * An instant as epoch milliseconds, rounded up, so {@code nowMillis >= ceilMillis(t)} holds exactly when the
   * millisecond clock has reached {@code t} (stores keep milliseconds, so this is exact for stored instants).
   */
  static long ceilMillis(Instant t) {
    try {
      long ms = t.toEpochMilli();
      return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "CachedToken[" + stored.id() + "]";
  }
}
