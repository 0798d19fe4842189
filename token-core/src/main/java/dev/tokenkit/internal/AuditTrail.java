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
 * Makes audit events and hands them to listeners. A management change stores its event together with the change
 * (one transaction or atomic step in the store), so it is never kept without it. Authentication failures are
 * best-effort: stored on their own, at most once per token, reason and minute of the service's clock, so a
 * misbehaving client cannot flood the store, and a store failure is only logged.
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
   * A new event, to be stored together with its change ({@link TokenStore#update(dev.tokenkit.spi.StoredToken,
   * long, AuditEvent)} and its siblings) and then {@linkplain #published(AuditEvent) published}.
   *
   * @param type what
   * @param tokenId which token
   * @param actor who
   * @param detail a non-secret detail or {@code null}
   * @return the event, with a time-ordered unique id
   */
  public AuditEvent event(AuditEventType type, String tokenId, Actor actor, String detail) {
    Instant at = time.now();
    // time, then a per-process sequence (orders events of one millisecond), then randomness (unique across nodes)
    StringBuilder id = new StringBuilder(24);
    Base62.appendFixed(at.toEpochMilli(), 8, id);
    Base62.appendFixed(sequence.incrementAndGet() & 0x7FFFFFFFL, 6, id);
    Base62.appendRandom(random, 10, id);
    return new AuditEvent(id.toString(), type, tokenId, actor.name(), actor.ip(), at, detail);
  }

  /**
   * Stores an event that goes with no token change (a refused management call, a shared-secret action) and
   * publishes it.
   *
   * @param type what
   * @param tokenId which token or shared secret, or {@code -}
   * @param actor who
   * @param detail a non-secret detail or {@code null}
   * @throws dev.tokenkit.StoreUnavailableException when the store cannot keep it (the action must not proceed
   *     unaudited)
   */
  public void record(AuditEventType type, String tokenId, Actor actor, String detail) {
    AuditEvent event = event(type, tokenId, actor, detail);
    store.appendAudit(event);
    published(event);
  }

  /**
   * Hands a stored event to the listeners (after its change committed). A failing listener is logged and skipped.
   *
   * @param event the event
   */
  public void published(AuditEvent event) {
    for (AuditListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("Audit listener {} failed on {} ({})", listener.getClass().getName(), event.type(), e.toString());
      }
    }
  }

  /**
   * Records that a canary token was presented: stored and published at once, every time (never de-duplicated or
   * rate-limited, unlike {@link #authenticationFailed}). Storing is best-effort so the caller still gets the ordinary
   * refusal when the store is down; listeners hear of it either way.
   *
   * @param tokenId the canary's id
   * @param clientIp from where, or {@code null}
   * @param request the request's method, path and user agent, or {@code null}
   */
  public void canaryTriggered(String tokenId, String clientIp, dev.tokenkit.RequestInfo request) {
    AuditEvent event = event(AuditEventType.CANARY_TRIGGERED, tokenId, new Actor("client", clientIp),
        AuditText.request(request));
    try {
      store.appendAudit(event);
    } catch (RuntimeException e) {
      LOG.error("Could not store audit event {} for token {} ({})", event.type(), tokenId, e.toString());
    }
    LOG.warn("Canary token {} presented from {} ({})", tokenId, clientIp, event.detail());
    published(event);
  }

  /**
   * Records an authentication failure for a known token id, rate-limited per id and reason.
   *
   * @param tokenId the id
   * @param reason why it failed
   * @param clientIp from where, or {@code null}
   */
  public void authenticationFailed(String tokenId, FailureReason reason, String clientIp) {
    if (recentFailures.asMap().putIfAbsent(tokenId + ':' + reason, Boolean.TRUE) != null) {
      return;
    }
    AuditEvent event = event(AuditEventType.AUTHENTICATION_FAILED, tokenId, new Actor("client", clientIp),
        reason.name());
    try {
      store.appendAudit(event); // best-effort: a failing store must not turn a refusal into an error
    } catch (RuntimeException e) {
      LOG.error("Could not store audit event {} for token {} ({})", event.type(), tokenId, e.toString());
    }
    published(event);
  }
}
