package dev.tokenkit.spi;

import dev.tokenkit.Token;
import dev.tokenkit.quota.UsageQuota;
import java.time.Instant;
import java.util.Objects;

/**
 * A token as a store holds it: metadata (with the stored status, never EXPIRED) plus the self-describing hash of
 * its current secret and, during a rotation grace period, of its previous secret. {@code toString()} omits the
 * hashes. Immutable and thread-safe.
 *
 * @param token the metadata; its {@code version} is the optimistic-concurrency version
 * @param secretHash the hash of the current full token string; never {@code null}
 * @param previousSecretHash the hash of the rotated-out token string, or {@code null}
 * @param previousSecretValidUntil until when the previous secret still works, or {@code null}
 * @param quota the usage quota as read, or {@code null} when the token has none. Stores change it only through
 *     {@link TokenStore#setQuota} and {@link TokenStore#consumeUse}: {@code insert} and {@code update} leave the
 *     stored quota as it is, so a management change never undoes concurrent uses
 */
public record StoredToken(Token token, String secretHash, String previousSecretHash, Instant previousSecretValidUntil,
    UsageQuota quota) {
  /** Validates the components. */
  public StoredToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(secretHash, "secretHash");
  }

  /**
   * A stored token without a usage quota.
   *
   * @param token the metadata
   * @param secretHash the hash of the current secret
   * @param previousSecretHash the hash of the rotated-out secret, or {@code null}
   * @param previousSecretValidUntil until when the previous secret works, or {@code null}
   */
  public StoredToken(Token token, String secretHash, String previousSecretHash, Instant previousSecretValidUntil) {
    this(token, secretHash, previousSecretHash, previousSecretValidUntil, null);
  }

  /**
   * The token id.
   *
   * @return the id
   */
  public String id() {
    return token.id();
  }

  /**
   * The optimistic-concurrency version.
   *
   * @return the version
   */
  public long version() {
    return token.version();
  }

  /**
   * A copy with other metadata and the same hashes.
   *
   * @param t the metadata
   * @return the copy
   */
  public StoredToken withToken(Token t) {
    return new StoredToken(t, secretHash, previousSecretHash, previousSecretValidUntil, quota);
  }

  /**
   * A copy with another usage quota.
   *
   * @param q the quota, or {@code null} for none
   * @return the copy
   */
  public StoredToken withQuota(UsageQuota q) {
    return new StoredToken(token, secretHash, previousSecretHash, previousSecretValidUntil, q);
  }

  @Override
  public String toString() {
    return "StoredToken[" + token + ", hashes=redacted, previousSecretValidUntil=" + previousSecretValidUntil
        + ", quota=" + quota + "]";
  }
}
