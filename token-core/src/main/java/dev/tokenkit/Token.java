package dev.tokenkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A token's metadata: everything about it except its secret. Safe to show, log and serialise.
 *
 * <p>{@link #status()} is the effective status when read from {@link TokenService} (EXPIRED derived from the
 * clock); stores hold the stored state. Immutable and thread-safe; the {@code with...} methods return plain copies
 * with one field replaced, and {@link #nextVersion(Instant)} marks a copy as the next stored version.
 *
 * @param id the public, stable id (safe in URLs and logs); never {@code null}
 * @param prefix the token prefix the token was issued with, e.g. {@code tk}; never {@code null}
 * @param name the name, unique per owner; never {@code null}
 * @param description a free description; may be {@code null}
 * @param owner the user or application the token acts for; never {@code null}
 * @param role the role name, or {@code null} for none
 * @param access the token's own per-API grants (they override the role's); never {@code null}
 * @param status the status; never {@code null}
 * @param createdAt when issued; never {@code null}
 * @param updatedAt when last changed by a management call; never {@code null}
 * @param expiresAt when it expires, or {@code null} for never
 * @param allowedIps the allowed client ranges; empty means anywhere; never {@code null}
 * @param lastUsedAt when last used successfully, or {@code null} for never
 * @param lastUsedIp the client IP of that use, or {@code null}
 * @param version the optimistic-concurrency version, incremented by every management change
 * @param signatureSecretId the id of the shared secret every request with this token must be signed with
 *     (RFC 9421 {@code hmac-sha256}), or {@code null} when requests need no signature
 * @param canary whether the token is a canary (honeytoken): it exists only to be stolen, is never accepted, and
 *     every presentation of it is audited as {@link AuditEventType#CANARY_TRIGGERED}
 */
public record Token(
    String id,
    String prefix,
    String name,
    String description,
    String owner,
    String role,
    AccessGrants access,
    TokenStatus status,
    Instant createdAt,
    Instant updatedAt,
    Instant expiresAt,
    List<IpRange> allowedIps,
    Instant lastUsedAt,
    String lastUsedIp,
    long version,
    String signatureSecretId,
    boolean canary) {

  /** Validates and copies the components. */
  public Token {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    allowedIps = List.copyOf(allowedIps);
  }

  /**
   * A token whose requests need no signature ({@code signatureSecretId} {@code null}).
   *
   * @param id the id
   * @param prefix the prefix
   * @param name the name
   * @param description the description, or {@code null}
   * @param owner the owner
   * @param role the role, or {@code null}
   * @param access the grants
   * @param status the status
   * @param createdAt when issued
   * @param updatedAt when last changed
   * @param expiresAt the expiry, or {@code null}
   * @param allowedIps the allowed ranges
   * @param lastUsedAt the last use, or {@code null}
   * @param lastUsedIp the last client IP, or {@code null}
   * @param version the version
   */
  public Token(String id, String prefix, String name, String description, String owner, String role,
      AccessGrants access, TokenStatus status, Instant createdAt, Instant updatedAt, Instant expiresAt,
      List<IpRange> allowedIps, Instant lastUsedAt, String lastUsedIp, long version) {
    this(id, prefix, name, description, owner, role, access, status, createdAt, updatedAt, expiresAt, allowedIps,
        lastUsedAt, lastUsedIp, version, null, false);
  }

  /**
   * A token that is not a canary.
   *
   * @param id the id
   * @param prefix the prefix
   * @param name the name
   * @param description the description, or {@code null}
   * @param owner the owner
   * @param role the role, or {@code null}
   * @param access the grants
   * @param status the status
   * @param createdAt when issued
   * @param updatedAt when last changed
   * @param expiresAt the expiry, or {@code null}
   * @param allowedIps the allowed ranges
   * @param lastUsedAt the last use, or {@code null}
   * @param lastUsedIp the last client IP, or {@code null}
   * @param version the version
   * @param signatureSecretId the shared secret requests must be signed with, or {@code null}
   */
  public Token(String id, String prefix, String name, String description, String owner, String role,
      AccessGrants access, TokenStatus status, Instant createdAt, Instant updatedAt, Instant expiresAt,
      List<IpRange> allowedIps, Instant lastUsedAt, String lastUsedIp, long version, String signatureSecretId) {
    this(id, prefix, name, description, owner, role, access, status, createdAt, updatedAt, expiresAt, allowedIps,
        lastUsedAt, lastUsedIp, version, signatureSecretId, false);
  }

  /**
   * A copy flagged as a canary or not.
   *
   * @param isCanary whether it is a canary
   * @return the copy
   */
  public Token withCanary(boolean isCanary) {
    return new Token(id, prefix, name, description, owner, role, access, status, createdAt, updatedAt, expiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version, signatureSecretId, isCanary);
  }

  /**
   * A copy that requires signatures with another shared secret (or none).
   *
   * @param newSignatureSecretId the shared secret's id, or {@code null} for no signature
   * @return the copy
   */
  public Token withSignatureSecretId(String newSignatureSecretId) {
    return new Token(id, prefix, name, description, owner, role, access, status, createdAt, updatedAt, expiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version, newSignatureSecretId, canary);
  }

  /**
   * A copy with another name.
   *
   * @param newName the name; never {@code null}
   * @return the copy
   */
  public Token withName(String newName) {
    return new Token(id, prefix, newName, description, owner, role, access, status, createdAt, updatedAt, expiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version, signatureSecretId, canary);
  }

  /**
   * A copy with another description.
   *
   * @param newDescription the description, or {@code null} for none
   * @return the copy
   */
  public Token withDescription(String newDescription) {
    return new Token(id, prefix, name, newDescription, owner, role, access, status, createdAt, updatedAt, expiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version, signatureSecretId, canary);
  }

  /**
   * A copy with another role.
   *
   * @param newRole the role name, or {@code null} for none
   * @return the copy
   */
  public Token withRole(String newRole) {
    return new Token(id, prefix, name, description, owner, newRole, access, status, createdAt, updatedAt, expiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version, signatureSecretId, canary);
  }

  /**
   * A copy with other per-API grants.
   *
   * @param newAccess the grants; never {@code null}
   * @return the copy
   */
  public Token withAccess(AccessGrants newAccess) {
    return new Token(id, prefix, name, description, owner, role, newAccess, status, createdAt, updatedAt, expiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version, signatureSecretId, canary);
  }

  /**
   * A copy with another status.
   *
   * @param newStatus the status; never {@code null}
   * @return the copy
   */
  public Token withStatus(TokenStatus newStatus) {
    return new Token(id, prefix, name, description, owner, role, access, newStatus, createdAt, updatedAt, expiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version, signatureSecretId, canary);
  }

  /**
   * A copy with another expiry.
   *
   * @param newExpiresAt the expiry, or {@code null} for never
   * @return the copy
   */
  public Token withExpiry(Instant newExpiresAt) {
    return new Token(id, prefix, name, description, owner, role, access, status, createdAt, updatedAt, newExpiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version, signatureSecretId, canary);
  }

  /**
   * A copy with other allowed client ranges.
   *
   * @param newAllowedIps the ranges; empty means anywhere; never {@code null}
   * @return the copy
   */
  public Token withAllowedIps(List<IpRange> newAllowedIps) {
    return new Token(id, prefix, name, description, owner, role, access, status, createdAt, updatedAt, expiresAt,
        newAllowedIps, lastUsedAt, lastUsedIp, version, signatureSecretId, canary);
  }

  /**
   * A copy with other last-use fields.
   *
   * @param at the last use, or {@code null}
   * @param ip the client IP of the last use, or {@code null}
   * @return the copy
   */
  public Token withLastUsed(Instant at, String ip) {
    return new Token(id, prefix, name, description, owner, role, access, status, createdAt, updatedAt, expiresAt,
        allowedIps, at, ip, version, signatureSecretId, canary);
  }

  /**
   * A copy as the next stored version: {@code version + 1} and {@code updatedAt} set, as
   * {@link dev.tokenkit.spi.TokenStore#update} expects of a change.
   *
   * <pre>{@code
   * Token next = stored.token().withName("deploy").withStatus(TokenStatus.DISABLED).nextVersion(now);
   * store.update(stored.withToken(next), stored.version());
   * }</pre>
   *
   * @param at when the change was made (management calls) or the unchanged {@code updatedAt} (a re-hash)
   * @return the copy
   */
  public Token nextVersion(Instant at) {
    return new Token(id, prefix, name, description, owner, role, access, status, createdAt, at, expiresAt,
        allowedIps, lastUsedAt, lastUsedIp, version + 1, signatureSecretId, canary);
  }

  /**
   * A display hint that identifies the token without revealing its secret, e.g. {@code tk_Ab3dEf...}.
   *
   * @return the prefix and id
   */
  public String displayHint() {
    return prefix + "_" + id + "...";
  }
}
