package dev.tokenkit;

/** What an {@link AuditEvent} records. */
public enum AuditEventType {
  /** A token was issued. */
  ISSUED,
  /** Name, description, role, access or IP ranges changed. */
  UPDATED,
  /** A new secret was issued for the same id. */
  ROTATED,
  /** A new secret and a new expiry. */
  REGENERATED,
  /** The token was disabled. */
  DISABLED,
  /** The token was enabled again. */
  ENABLED,
  /** The token was revoked. */
  REVOKED,
  /** The token was deleted. */
  DELETED,
  /** A presented token with a known id failed authentication. */
  AUTHENTICATION_FAILED,
  /** A shared secret was created ({@link AuditEvent#tokenId()} holds its id). */
  SHARED_SECRET_CREATED,
  /** A shared secret's value was revealed. */
  SHARED_SECRET_REVEALED,
  /** A shared secret got a new value. */
  SHARED_SECRET_ROTATED,
  /** A shared secret was deleted. */
  SHARED_SECRET_DELETED,
  /** A shared secret was re-encrypted under the key ring's primary key. */
  SHARED_SECRET_REENCRYPTED,
  /**
   * A management call was refused because it exceeds the caller's {@link ManagementScope}; the detail says what
   * was missing. The token id is {@code -} when the call named no existing token (issue, revoke all, listing).
   */
  MANAGEMENT_DENIED,
  /**
   * A canary token was presented with its right secret (through the filter, the management API or
   * {@link TokenService#authenticate}) and refused. The actor is {@code client} with the client IP; the detail holds
   * the request's method, path and user agent (sanitised and bounded). Never de-duplicated or rate-limited: every
   * presentation is one event.
   */
  CANARY_TRIGGERED,
  /**
   * A secret scanner (e.g. GitHub secret scanning) reported the token as leaked; the detail holds the reported URL and
   * source, and the token was revoked or disabled with the same event (see {@code LeakResponse}).
   */
  LEAK_REPORTED,
  /**
   * An unused-access report found grants the token has not used for the report's period, or never (the detail lists
   * them); written when a report is made with events on ({@code UsageReports}).
   */
  UNUSED_ACCESS_REPORTED,
  /** A token's usage quota was set, reset or removed; the detail says which. */
  QUOTA_CHANGED,
  /**
   * A token reaches one of the expiry-notice lead times (default 30, 7 and 1 days before its expiry); the detail
   * names the lead time and the expiry. Delivered once per token, lead time and expiry across all nodes.
   */
  EXPIRING_SOON,
  /** A token has expired; delivered once per token and expiry across all nodes. */
  EXPIRED
}
