package dev.tokenkit.sharedsecret;

import java.time.Instant;
import java.util.Objects;

/**
 * A shared secret's metadata: everything but its value. Safe to show, log and serialise. Immutable.
 *
 * @param id the public id, {@code ss_} + 16 base62 characters; the {@code keyid} of signatures; never {@code null}
 * @param name the unique name, e.g. {@code billing-integration}; never {@code null}
 * @param createdAt when created; never {@code null}
 * @param updatedAt when last rotated (or created); never {@code null}
 * @param previousValidUntil until when the value replaced by the last rotation still verifies, or {@code null}
 * @param version the optimistic-concurrency version, incremented by every change
 */
public record SharedSecret(String id, String name, Instant createdAt, Instant updatedAt, Instant previousValidUntil,
    long version) {
  /** Validates the components. */
  public SharedSecret {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * A copy after a rotation: version incremented, {@code updatedAt} and the overlap end set.
   *
   * @param now the rotation instant
   * @param overlapEnd until when the previous value verifies, or {@code null} for no overlap
   * @return the copy
   */
  public SharedSecret rotated(Instant now, Instant overlapEnd) {
    return new SharedSecret(id, name, createdAt, now, overlapEnd, version + 1);
  }

  /**
   * A copy with the version incremented (a re-encryption: same values, new ciphertext).
   *
   * @return the copy
   */
  public SharedSecret nextVersion() {
    return new SharedSecret(id, name, createdAt, updatedAt, previousValidUntil, version + 1);
  }
}
