package dev.tokenkit.internal;

import dev.tokenkit.IpRange;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.VerifiedToken;
import dev.tokenkit.spi.StoredToken;
import java.time.Instant;
import java.util.List;

/**
 * A verification-cache entry: a snapshot of one stored token plus the SHA-256 digests of the presented secrets
 * already verified against that snapshot's hashes, so the hot path is one SHA-256 and a constant-time compare
 * whatever hasher stores the secret.
 */
public final class CachedToken {
  final StoredToken stored;
  final VerifiedToken verified;
  final VerifiedToken verifiedDeprecated;
  final TokenStatus state;
  final Instant expiresAt;
  final List<IpRange> allowedIps;
  final Instant previousValidUntil;
  volatile byte[] currentDigest;
  volatile byte[] previousDigest;

  /**
   * Creates an entry.
   *
   * @param stored the snapshot
   * @param verified the outcome token for the current secret
   * @param verifiedDeprecated the outcome token for the previous secret in its grace period, or {@code null}
   */
  CachedToken(StoredToken stored, VerifiedToken verified, VerifiedToken verifiedDeprecated) {
    this.stored = stored;
    this.verified = verified;
    this.previousValidUntil = stored.previousSecretValidUntil();
    this.verifiedDeprecated = verifiedDeprecated;
    this.state = stored.token().status();
    this.expiresAt = stored.token().expiresAt();
    this.allowedIps = stored.token().allowedIps();
  }

  @Override
  public String toString() {
    return "CachedToken[" + stored.id() + "]";
  }
}
