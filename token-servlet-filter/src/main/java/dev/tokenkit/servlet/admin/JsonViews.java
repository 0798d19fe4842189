package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.Expiration;
import dev.tokenkit.ExpiryPolicy;
import dev.tokenkit.IpRange;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.Role;
import dev.tokenkit.Token;
import dev.tokenkit.TokenService;
import java.time.Instant;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Renders domain values as JSON. A token's JSON never holds a secret or a hash; only {@link #issued} adds the
 * {@code secret} field, for the one response that shows it.
 */
final class JsonViews {
  private final ObjectMapper mapper;

  /** Why an ACTIVE token is blocked anyway (the expiry policy), or {@code null}; {@code t -> null} for none. */
  private final java.util.function.Function<Token, dev.tokenkit.FailureReason> blockedReason;
  /** The lead times of expiry notices and the idle limit, for the policy view. */
  private final TokenService tokens;

  JsonViews(ObjectMapper mapper, TokenService tokens) {
    this.tokens = tokens;
    this.blockedReason = tokens::blockedReason;
    this.mapper = mapper;
  }

  ObjectNode token(Token t) {
    ObjectNode n = mapper.createObjectNode();
    n.put("id", t.id());
    n.put("prefix", t.prefix());
    n.put("displayHint", t.displayHint());
    n.put("name", t.name());
    n.put("description", t.description());
    n.put("owner", t.owner());
    n.put("role", t.role());
    ObjectNode access = n.putObject("access");
    t.access().asMap().forEach((api, level) -> access.put(api, level.name()));
    n.put("status", t.status().name());
    n.put("createdAt", text(t.createdAt()));
    n.put("updatedAt", text(t.updatedAt()));
    n.put("expiresAt", text(t.expiresAt()));
    n.put("lastUsedAt", text(t.lastUsedAt()));
    n.put("lastUsedIp", t.lastUsedIp());
    ArrayNode ips = n.putArray("allowedIps");
    for (IpRange r : t.allowedIps()) {
      ips.add(r.toString());
    }
    n.put("signatureSecretId", t.signatureSecretId());
    n.put("canary", t.canary());
    dev.tokenkit.FailureReason blocked = blockedReason.apply(t);
    n.put("blockedReason", blocked == null ? null : blocked.name());
    n.put("version", t.version());
    return n;
  }

  ObjectNode issued(IssuedToken issued) {
    ObjectNode n = mapper.createObjectNode();
    n.set("token", token(issued.token()));
    n.put("secret", issued.secret().reveal());
    return n;
  }

  ObjectNode tokenPage(List<Token> items, String nextCursor) {
    ObjectNode n = mapper.createObjectNode();
    ArrayNode arr = n.putArray("items");
    items.forEach(t -> arr.add(token(t)));
    n.put("nextCursor", nextCursor);
    return n;
  }

  ObjectNode auditPage(List<AuditEvent> items, String nextCursor) {
    ObjectNode n = mapper.createObjectNode();
    ArrayNode arr = n.putArray("items");
    for (AuditEvent e : items) {
      ObjectNode o = arr.addObject();
      o.put("id", e.id());
      o.put("type", e.type().name());
      o.put("tokenId", e.tokenId());
      o.put("actor", e.actor());
      o.put("actorIp", e.actorIp());
      o.put("at", text(e.at()));
      o.put("detail", e.detail());
    }
    n.put("nextCursor", nextCursor);
    return n;
  }

  ObjectNode catalogue(Map<String, List<String>> apis) {
    ObjectNode n = mapper.createObjectNode();
    ArrayNode arr = n.putArray("items");
    apis.forEach((name, patterns) -> {
      ObjectNode o = arr.addObject();
      o.put("name", name);
      ArrayNode p = o.putArray("pathPatterns");
      patterns.forEach(p::add);
    });
    return n;
  }

  ObjectNode policy(ExpiryPolicy policy, Collection<Role> roles) {
    ObjectNode n = mapper.createObjectNode();
    ObjectNode expiry = n.putObject("expiry");
    ArrayNode choices = expiry.putArray("choices");
    for (Expiration e : policy.choices()) {
      ObjectNode c = choices.addObject();
      c.put("label", label(e));
      c.set("expiration", expiration(e));
    }
    expiry.set("default", expiration(policy.defaultChoice()));
    expiry.put("allowsNever", policy.allowsNever());
    expiry.put("allowsFixedDate", policy.allowsFixedDate());
    expiry.put("maxLifetime", policy.maxLifetime() == null ? null : policy.maxLifetime().toString());
    expiry.put("fixedDateLimit", policy.fixedDateLimit() == null ? null : policy.fixedDateLimit().toString());
    ArrayNode roleArr = n.putArray("roles");
    for (Role r : roles) {
      ObjectNode o = roleArr.addObject();
      o.put("name", r.name());
      o.put("managesTokens", r.managesTokens());
      ObjectNode g = o.putObject("grants");
      r.grants().asMap().forEach((api, level) -> g.put(api, level.name()));
    }
    ArrayNode leads = n.putArray("expiryNoticeLeadDays");
    for (java.time.Duration d : tokens.expiryNoticeLeadTimes()) {
      if (d.toSeconds() % 86_400 == 0) {
        leads.add(d.toDays());
      } else {
        leads.add(d.toSeconds() / 86_400.0);
      }
    }
    n.put("idleTokenDays", tokens.idleTokenLimit() == null ? null : tokens.idleTokenLimit().toDays());
    ArrayNode levels = n.putArray("accessLevels");
    for (AccessLevel l : AccessLevel.values()) {
      levels.add(l.name());
    }
    return n;
  }

  ObjectNode expiration(Expiration e) {
    ObjectNode n = mapper.createObjectNode();
    if (e instanceof Expiration.After after) {
      Period p = after.period();
      if (p.getYears() == 0 && p.getDays() == 0) {
        n.put("months", p.getMonths());
      } else if (p.getYears() == 0 && p.getMonths() == 0) {
        n.put("days", p.getDays());
      } else {
        n.put("period", p.toString());
      }
    } else if (e instanceof Expiration.At at) {
      n.put("at", at.instant().toString());
    } else {
      n.put("never", true);
    }
    return n;
  }

  static String label(Expiration e) {
    if (e instanceof Expiration.After after) {
      Period p = after.period();
      if (p.getYears() == 0 && p.getDays() == 0) {
        return plural(p.getMonths(), "month");
      }
      if (p.getYears() == 0 && p.getMonths() == 0) {
        return plural(p.getDays(), "day");
      }
      if (p.getMonths() == 0 && p.getDays() == 0) {
        return plural(p.getYears(), "year");
      }
      return p.toString();
    }
    if (e instanceof Expiration.At at) {
      return "until " + at.instant();
    }
    return "No expiration";
  }

  private static String plural(int n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }
}
