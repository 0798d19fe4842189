package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.TokenService;
import dev.tokenkit.UnusedAccess;
import dev.tokenkit.UnusedGrant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unused-access report and "narrow to what was used" (issue 19): {@code GET /api/reports/unused-access?days=90
 * &owner=...}, {@code POST /api/reports/unused-access} (the same, and one {@code UNUSED_ACCESS_REPORTED} event per
 * listed token) and {@code POST /api/tokens/{id}/narrow}. Stateless and thread-safe.
 */
final class UsageEndpoints {
  static final int DEFAULT_DAYS = 90;
  static final int MAX_DAYS = 3650;
  private static final String DAYS_RULE = "days must be a whole number from 1 to " + MAX_DAYS;

  private final TokenService tokens;
  private final JsonViews views;

  UsageEndpoints(TokenService tokens, JsonViews views) {
    this.tokens = tokens;
    this.views = views;
  }

  void register(Router r) {
    r.add("GET", "/api/reports/unused-access", this::report)
        .add("POST", "/api/reports/unused-access", this::recordReport)
        .add("POST", "/api/tokens/{id}/narrow", this::narrow);
  }

  private ApiResponse report(ApiCall c) {
    int days = queryDays(c.query("days"));
    String owner = c.query("owner");
    return ApiResponse.ok(view(c, days, tokens.unusedAccess(c.actor(), owner, Duration.ofDays(days))));
  }

  private ApiResponse recordReport(ApiCall c) {
    ObjectNode body = c.body();
    new JsonInput().rejectUnknown(body, Set.of("days", "owner"));
    int days = bodyDays(body);
    JsonNode owner = body.get("owner");
    if (owner != null && !owner.isNull() && !owner.isTextual()) {
      throw HttpProblem.invalid("owner", "owner must be a string or null");
    }
    String o = owner == null || owner.isNull() ? null : owner.textValue();
    return ApiResponse.ok(view(c, days, tokens.reportUnusedAccess(c.actor(), o, Duration.ofDays(days))));
  }

  private ApiResponse narrow(ApiCall c) {
    ObjectNode body = c.body();
    new JsonInput().rejectUnknown(body, Set.of("days"));
    int days = bodyDays(body);
    return ApiResponse.ok(views.token(tokens.narrowToUsed(c.actor(), c.param("id"), Duration.ofDays(days))));
  }

  private ObjectNode view(ApiCall c, int days, List<UnusedAccess> report) {
    ObjectNode n = c.mapper().createObjectNode();
    n.put("days", days);
    ArrayNode items = n.putArray("items");
    for (UnusedAccess u : report) {
      ObjectNode item = items.addObject();
      item.set("token", views.token(u.token()));
      ArrayNode unused = item.putArray("unused");
      for (UnusedGrant g : u.unused()) {
        ObjectNode o = unused.addObject();
        o.put("api", g.api());
        o.put("level", g.level().name());
        o.put("lastUsedAt", g.lastUsedAt() == null ? null : g.lastUsedAt().toString());
        o.put("fromRole", g.fromRole());
      }
      ObjectNode lastUse = item.putObject("lastUse");
      u.lastUseByApi().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> lastUse.put(e.getKey(), e.getValue().toString()));
    }
    return n;
  }

  private static int queryDays(String text) {
    JsonInput in = new JsonInput();
    int days = in.wholeNumber("days", text, DEFAULT_DAYS, MAX_DAYS);
    in.throwIfInvalid();
    return days;
  }

  private static int bodyDays(ObjectNode body) {
    JsonNode n = body.get("days");
    if (n == null || n.isNull()) {
      return DEFAULT_DAYS;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > MAX_DAYS) {
      throw HttpProblem.invalid("days", DAYS_RULE);
    }
    return n.intValue();
  }
}
