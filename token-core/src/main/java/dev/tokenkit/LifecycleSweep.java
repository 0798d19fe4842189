package dev.tokenkit;

import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.internal.VerificationCache;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic lifecycle pass of {@link TokenService}: expiry notices ({@link AuditEventType#EXPIRING_SOON} per
 * lead time, {@link AuditEventType#EXPIRED}), each claimed in the store so that one node delivers it, and the
 * optional idle-token policy (tokens unused for too long are disabled). Runs on one daemon thread every interval and
 * on demand; thread-safe.
 */
final class LifecycleSweep implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleSweep.class);
  static final Actor SYSTEM = Actor.of("tokenkit (lifecycle)");
  private static final int PAGE = TokenQuery.MAX_LIMIT;

  private final TokenStore store;
  private final TimeSource time;
  private final AuditTrail audit;
  private final VerificationCache cache;
  private final List<Duration> leadTimes;
  private final Duration maxLead;
  private final Duration idleAfter;
  private final ScheduledExecutorService scheduler;
  private volatile boolean claimsUnsupported;

  LifecycleSweep(TokenStore store, TimeSource time, AuditTrail audit, VerificationCache cache,
      List<Duration> leadTimes, Duration idleAfter, Duration interval) {
    this.store = store;
    this.time = time;
    this.audit = audit;
    this.cache = cache;
    this.leadTimes = List.copyOf(leadTimes);
    this.maxLead = leadTimes.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    this.idleAfter = idleAfter;
    if (interval == null || (leadTimes.isEmpty() && idleAfter == null)) {
      this.scheduler = null;
    } else {
      this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tokenkit-lifecycle");
        t.setDaemon(true);
        return t;
      });
      long seconds = interval.toSeconds();
      scheduler.scheduleWithFixedDelay(this::runQuietly, Math.min(300, seconds), seconds, TimeUnit.SECONDS);
    }
  }

  List<Duration> leadTimes() {
    return leadTimes;
  }

  Duration idleAfter() {
    return idleAfter;
  }

  private void runQuietly() {
    try {
      run();
    } catch (RuntimeException e) {
      LOG.warn("TokenKit lifecycle sweep failed; retrying at the next interval ({})", e.toString());
    }
  }

  /** One pass; returns what it did. */
  SweepReport run() {
    Instant now = time.now();
    int[] counts = new int[3];
    if (!leadTimes.isEmpty() && !claimsUnsupported) {
      forEach(TokenQuery.all().withExpiringBefore(now.plus(maxLead)), s -> notices(s, now, counts));
    }
    if (idleAfter != null) {
      forEach(TokenQuery.all().withStatus(TokenStatus.ACTIVE), s -> {
        if (disableIfIdle(s, now)) {
          counts[2]++;
        }
      });
    }
    return new SweepReport(counts[0], counts[1], counts[2]);
  }

  private void forEach(TokenQuery query, java.util.function.Consumer<StoredToken> action) {
    TokenQuery q = query.withLimit(PAGE);
    while (true) {
      Page<StoredToken> page = store.list(q, time.now());
      for (StoredToken s : page.items()) {
        action.accept(s);
      }
      if (page.nextCursor() == null) {
        return;
      }
      q = q.withCursor(page.nextCursor());
    }
  }

  private void notices(StoredToken s, Instant now, int[] counts) {
    Token t = s.token();
    if (t.expiresAt() == null || t.status() == TokenStatus.REVOKED) {
      return;
    }
    if (!t.expiresAt().isAfter(now)) {
      if (claim(t, "expired", AuditEventType.EXPIRED, "expired at " + t.expiresAt())) {
        counts[1]++;
      }
      return;
    }
    Duration left = Duration.between(now, t.expiresAt());
    // only the shortest lead time that has been reached: a token found 5 days before expiry gets the 7-day notice
    Duration due = null;
    for (Duration lead : leadTimes) {
      if (left.compareTo(lead) <= 0 && (due == null || lead.compareTo(due) < 0)) {
        due = lead;
      }
    }
    if (due != null && claim(t, "lead-" + due.toSeconds(), AuditEventType.EXPIRING_SOON,
        "lead=" + describe(due) + " expiresAt=" + t.expiresAt())) {
      counts[0]++;
    }
  }

  private boolean claim(Token t, String notice, AuditEventType type, String detail) {
    AuditEvent event = audit.event(type, t.id(), SYSTEM, detail);
    boolean first;
    try {
      first = store.claimNotice(t.id(), notice, t.expiresAt(), event);
    } catch (UnsupportedOperationException e) {
      claimsUnsupported = true;
      LOG.warn("Expiry notices are off: {}", e.getMessage());
      return false;
    }
    if (first) {
      audit.published(event);
    }
    return first;
  }

  private boolean disableIfIdle(StoredToken s, Instant now) {
    Token t = s.token();
    Instant lastActive = t.lastUsedAt() != null ? t.lastUsedAt() : t.createdAt();
    long days = Duration.between(lastActive, now).toDays();
    if (Duration.between(lastActive, now).compareTo(idleAfter) < 0) {
      return false;
    }
    AuditEvent event = audit.event(AuditEventType.DISABLED, t.id(), SYSTEM,
        "idle: unused for " + days + " days (policy: " + idleAfter.toDays() + " days)");
    try {
      store.update(s.withToken(t.withStatus(TokenStatus.DISABLED).nextVersion(now)), t.version(), event);
    } catch (TokenKitException raced) {
      LOG.debug("Idle token {} changed concurrently; next sweep decides ({})", t.id(), raced.getClass().getSimpleName());
      return false;
    }
    cache.invalidate(t.id());
    audit.published(event);
    return true;
  }

  static String describe(Duration d) {
    return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : d.toSeconds() + "s";
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /** The default lead times of expiry notices: 30, 7 and 1 days. */
  static List<Duration> defaults() {
    return new ArrayList<>(List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1)));
  }
}
