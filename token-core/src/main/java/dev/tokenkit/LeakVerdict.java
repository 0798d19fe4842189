package dev.tokenkit;

/**
 * What {@link TokenService#reportLeak} found. Holds no secret. Immutable and thread-safe.
 *
 * @param tokenId the id of the reported token when it is one of ours, or {@code null}
 * @param truePositive {@code true} when the reported text is the current secret of a stored token (or its previous
 *     secret within a rotation grace period), whatever the token's status; {@code false} for anything else
 *     (malformed, another prefix, unknown id, wrong or expired secret)
 * @param changed {@code true} when this report revoked or disabled the token (a token already revoked, or already
 *     disabled when the action is {@link LeakAction#DISABLE}, is not changed again)
 */
public record LeakVerdict(String tokenId, boolean truePositive, boolean changed) {
  /** The verdict for text that is no live secret of this service. */
  public static final LeakVerdict FALSE_POSITIVE = new LeakVerdict(null, false, false);
}
