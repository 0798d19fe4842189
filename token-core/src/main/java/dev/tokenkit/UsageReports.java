package dev.tokenkit;

import dev.tokenkit.internal.AuditTrail;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.spi.ApiUse;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The unused-access report and "narrow to what was used" (issue 19). Reads go through the caller's scope
 * ({@link ScopedReads}); narrowing is an ordinary scope-checked, audited update. Thread-safe.
 */
final class UsageReports {
  /** The longest period a report looks back. */
  static final Duration MAX_PERIOD = Duration.ofDays(3650);

  private final TokenStore store;
  private final ScopedReads reads;
  private final Map<String, Role> roles;
  private final TimeSource time;
  private final AuditTrail audit;
  private final Runnable flushUses;

  UsageReports(TokenStore store, ScopedReads reads, Map<String, Role> roles, TimeSource time, AuditTrail audit,
      Runnable flushUses) {
    this.store = store;
    this.reads = reads;
    this.roles = roles;
    this.time = time;
    this.audit = audit;
    this.flushUses = flushUses;
  }

  List<UnusedAccess> unused(Actor actor, String owner, Duration period, boolean record) {
    Objects.requireNonNull(actor, "actor");
    Instant cutoff = cutoff(period);
    flushUses.run();
    List<UnusedAccess> report = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withLimit(TokenQuery.MAX_LIMIT);
    if (owner != null) {
      q = q.withOwner(owner);
    }
    Page<Token> page;
    do {
      page = reads.list(actor, q);
      List<Token> live = page.items().stream()
          .filter(t -> t.status() == TokenStatus.ACTIVE || t.status() == TokenStatus.DISABLED).toList();
      Map<String, Map<String, Instant>> uses = uses(live.stream().map(Token::id).toList());
      for (Token t : live) {
        Map<String, Instant> byApi = uses.getOrDefault(t.id(), Map.of());
        List<UnusedGrant> unused = unusedGrants(t, byApi, cutoff);
        if (!unused.isEmpty()) {
          report.add(new UnusedAccess(t, unused, byApi));
        }
      }
      q = q.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
    if (record) {
      for (UnusedAccess u : report) {
        audit.record(AuditEventType.UNUSED_ACCESS_REPORTED, u.token().id(), actor, "days=" + period.toDays()
            + " unused=" + u.unused().stream().map(g -> g.api() + ":" + g.level()).collect(Collectors.joining(",")));
      }
    }
    return report;
  }

  /** The grants to keep: every API used since the cutoff at its current effective level, and nothing else. */
  Map<String, AccessLevel> usedGrants(Token t, Duration period) {
    Instant cutoff = cutoff(period);
    flushUses.run();
    AccessGrants effective = effective(t);
    Map<String, AccessLevel> keep = new LinkedHashMap<>();
    uses(List.of(t.id())).getOrDefault(t.id(), Map.of()).forEach((api, at) -> {
      AccessLevel level = effective.levelFor(api);
      if (!at.isBefore(cutoff) && level != AccessLevel.NONE) {
        keep.put(api, level);
      }
    });
    keep.put(AccessGrants.ALL_APIS, AccessLevel.NONE);
    return keep;
  }

  private Instant cutoff(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.toDays() < 1 || period.compareTo(MAX_PERIOD) > 0) {
      throw new InvalidInputException("days", "the period must be between 1 and " + MAX_PERIOD.toDays() + " days");
    }
    if (!store.recordsApiUse()) {
      throw new IllegalStateException("This token store does not keep per-API last uses (TokenStore.recordsApiUse()"
          + " is false); use a built-in store or implement recordApiUse and apiUses");
    }
    return time.now().minus(period);
  }

  private AccessGrants effective(Token t) {
    Role role = t.role() == null ? null : roles.get(t.role());
    return role == null ? t.access() : role.grants().overriddenBy(t.access());
  }

  private List<UnusedGrant> unusedGrants(Token t, Map<String, Instant> byApi, Instant cutoff) {
    AccessGrants effective = effective(t);
    List<UnusedGrant> unused = new ArrayList<>();
    for (Map.Entry<String, AccessLevel> g : effective.asMap().entrySet()) {
      if (g.getValue() == AccessLevel.NONE) {
        continue;
      }
      String api = g.getKey();
      Instant last = AccessGrants.ALL_APIS.equals(api)
          ? byApi.entrySet().stream().filter(e -> !effective.asMap().containsKey(e.getKey())).map(Map.Entry::getValue)
              .max(Instant::compareTo).orElse(null)
          : byApi.get(api);
      if (last == null || last.isBefore(cutoff)) {
        unused.add(new UnusedGrant(api, g.getValue(), last, !t.access().asMap().containsKey(api)
            && !t.access().asMap().containsKey(AccessGrants.ALL_APIS)));
      }
    }
    return unused;
  }

  private Map<String, Map<String, Instant>> uses(List<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, Map<String, Instant>> out = new HashMap<>();
    for (ApiUse u : store.apiUses(ids)) {
      out.computeIfAbsent(u.tokenId(), k -> new HashMap<>()).merge(u.api(), u.at(), (a, b) -> b.isAfter(a) ? b : a);
    }
    return out;
  }
}
