package dev.tokenkit.spi;

import dev.tokenkit.AuditEvent;

/**
 * Receives every audit event after it is stored, e.g. to forward it to a SIEM. Called synchronously on the
 * calling thread; exceptions are logged and ignored. Must be thread-safe.
 *
 * <pre>{@code
 * TokenService.builder().store(store).auditListener(e -> log.info("audit {}", e)).build();
 * }</pre>
 */
@FunctionalInterface
public interface AuditListener {
  /**
   * An event happened.
   *
   * @param event the event; never holds a secret or hash
   */
  void onEvent(AuditEvent event);
}
