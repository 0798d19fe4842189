package dev.tokenkit;

/**
 * What one lifecycle pass ({@link TokenService#sweepLifecycle()}) did on this node. Immutable value.
 *
 * @param expiringSoon {@link AuditEventType#EXPIRING_SOON} notices this node claimed and delivered
 * @param expired {@link AuditEventType#EXPIRED} notices this node claimed and delivered
 * @param idleDisabled tokens disabled by the idle-token policy
 */
public record SweepReport(int expiringSoon, int expired, int idleDisabled) {}
