package dev.tokenkit;

/** Why authentication failed. Map these to HTTP: MALFORMED..CANARY → 401 (the same invalid-token answer for each, so a canary cannot be told apart), INSUFFICIENT_ACCESS → 403, STORE_UNAVAILABLE → 503. */
public enum FailureReason {
  /** Not a well-formed token of an accepted prefix (bad length, alphabet or checksum); the store was not touched. */
  MALFORMED,
  /** No token has this id. */
  UNKNOWN,
  /** The id exists but the secret does not match (or a rotation grace period has ended). */
  INVALID_SECRET,
  /** The token is past its expiry. */
  EXPIRED,
  /**
   * The token exceeds the current expiry policy (it was issued before the maximum lifetime was lowered or "never"
   * was forbidden); it is blocked, not revoked, until it is regenerated within the policy.
   */
  POLICY_VIOLATION,
  /** The token is disabled. */
  DISABLED,
  /** The token is revoked. */
  REVOKED,
  /** The client IP is outside the token's allowed ranges. */
  IP_NOT_ALLOWED,
  /**
   * The token is a canary (honeytoken): the right secret of a token that exists only to be stolen. Never accepted;
   * answer it exactly like {@link #INVALID_SECRET} (the filter and the management API do), so whoever presents it
   * cannot tell. Every presentation is audited as {@link AuditEventType#CANARY_TRIGGERED}.
   */
  CANARY,
  /** The token is valid but lacks the needed access to the API. */
  INSUFFICIENT_ACCESS,
  /** The store is unreachable and the token is not cached. */
  STORE_UNAVAILABLE
}
