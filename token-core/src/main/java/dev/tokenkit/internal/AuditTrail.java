package dev.tokenkit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.FailureReason;
import dev.tokenkit.spi.AuditListener;
import dev.tokenkit.spi.TokenStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to the store and hands them to listeners. Authentication failures are recorded at most
 * once per token, reason and minute of the service's clock, so a misbehaving client cannot flood the store.
 */
public final class AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private final TokenStore store;
  private final List<AuditListener> listeners;
  private final TimeSource time;
  private final SecureRandom random;
  private final AtomicLong sequence = new AtomicLong();
  private final Cache<String, Boolean> recentFailures;

  /**
   * Creates the trail.
   *
   * @param store where events are stored
   * @param listeners who else hears of them
   * @param time event times and the de-duplication minute
   * @param random the source of event ids
   */
  public AuditTrail(TokenStore store, List<AuditListener> listeners, TimeSource time, SecureRandom random) {
    this.store = store;
    this.listeners = List.copyOf(listeners);
    this.time = time;
    this.random = random;
    this.recentFailures = Caffeine.newBuilder().ticker(time.ticker()).expireAfterWrite(Duration.ofMinutes(1))
        .maximumSize(100_000).build();
  }

  /**
   * Records a management event.
   *
   * @param type what
   * @param tokenId which token
   * @param actor who
   * @param detail a non-secret detail or {@code null}
   */
  public void record(AuditEventType type, String tokenId, Actor actor, String detail) {
    AuditEvent event = event(type, tokenId, actor, detail, time.now());
    try {
      store.appendAudit(event);
    } catch (RuntimeException e) {
      LOG.error("Could not store audit event {} for token {} ({})", type, tokenId, e.toString());
    }
    tellListeners(event);
  }

  /**
   * Records one event per token in one store batch ({@link TokenStore#appendAudit(java.util.Collection)}), e.g.
   * for a revoke-all.
   *
   * @param type what
   * @param tokenIds which tokens
   * @param actor who
   * @param detail a non-secret detail or {@code null}
   */
  public void recordAll(AuditEventType type, List<String> tokenIds, Actor actor, String detail) {
    if (tokenIds.isEmpty()) {
      return;
    }
    Instant at = time.now();
    List<AuditEvent> events = new ArrayList<>(tokenIds.size());
    for (String id : tokenIds) {
      events.add(event(type, id, actor, detail, at));
    }
    try {
      store.appendAudit(events);
    } catch (RuntimeException e) {
      LOG.error("Could not store {} audit events {} ({})", events.size(), type, e.toString());
    }
    for (AuditEvent event : events) {
      tellListeners(event);
    }
  }

  private AuditEvent event(AuditEventType type, String tokenId, Actor actor, String detail, Instant at) {
    // time, then a per-process sequence (orders events of one millisecond), then randomness (unique across nodes)
    StringBuilder id = new StringBuilder(24);
    Base62.appendFixed(at.toEpochMilli(), 8, id);
    Base62.appendFixed(sequence.incrementAndGet() & 0x7FFFFFFFL, 6, id);
    Base62.appendRandom(random, 10, id);
    return new AuditEvent(id.toString(), type, tokenId, actor.name(), actor.ip(), at, detail);
  }

  private void tellListeners(AuditEvent event) {
    for (AuditListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("Audit listener {} failed on {} ({})", listener.getClass().getName(), event.type(), e.toString());
      }
    }
  }

  /**
   * Records an authentication failure for a known token id, rate-limited per id and reason.
   *
   * @param tokenId the id
   * @param reason why it failed
   * @param clientIp from where, or {@code null}
   */
  public void authenticationFailed(String tokenId, FailureReason reason, String clientIp) {
    if (recentFailures.asMap().putIfAbsent(tokenId + ':' + reason, Boolean.TRUE) == null) {
      record(AuditEventType.AUTHENTICATION_FAILED, tokenId, new Actor("client", clientIp), reason.name());
    }
  }
}
