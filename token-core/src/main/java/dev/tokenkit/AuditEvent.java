package dev.tokenkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit-trail entry: who did what to which token, when and from where. Never holds a secret or a hash.
 *
 * @param id the event id (unique, time-ordered)
 * @param type what happened
 * @param tokenId the token id; for {@code SHARED_SECRET_*} events the shared secret's id ({@code ss_...})
 * @param actor who did it (actor name, or the token id for authentication failures)
 * @param actorIp from where, or {@code null}
 * @param at when
 * @param detail a short non-secret detail (e.g. the failure reason), or {@code null}
 */
public record AuditEvent(String id, AuditEventType type, String tokenId, String actor, String actorIp, Instant at,
    String detail) {
  /** Validates the components. */
  public AuditEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
  }
}
