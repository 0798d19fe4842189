package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.TokenService;
import dev.tokenkit.quota.RefillSchedule;
import dev.tokenkit.quota.UsageQuota;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The usage-quota endpoints of the management API: view ({@code GET}), set ({@code PUT}), remove
 * ({@code DELETE}) and reset ({@code POST .../reset}) {@code /api/tokens/{id}/quota}. Stateless and thread-safe.
 */
final class QuotaEndpoints {
  private static final Set<String> FIELDS = Set.of("amount", "remaining", "refill");

  private final TokenService tokens;

  QuotaEndpoints(TokenService tokens) {
    this.tokens = tokens;
  }

  void register(Router r) {
    r.add("GET", "/api/tokens/{id}/quota", c -> ApiResponse.ok(view(c, tokens.quota(c.actor(), c.param("id")))))
        .add("PUT", "/api/tokens/{id}/quota", c -> ApiResponse.ok(view(c,
            tokens.setQuota(c.actor(), c.param("id"), read(c.body())))))
        .add("DELETE", "/api/tokens/{id}/quota", c -> {
          tokens.removeQuota(c.actor(), c.param("id"));
          return ApiResponse.noContent();
        })
        .add("POST", "/api/tokens/{id}/quota/reset", c -> {
          JsonInput in = new JsonInput();
          in.unknownFields(c.body(), Set.of());
          in.throwIfInvalid();
          return ApiResponse.ok(view(c, tokens.resetQuota(c.actor(), c.param("id"))));
        });
  }

  /** {@code {"quota": null}} or {@code {"quota": {"remaining":..,"amount":..,"refill":..,"refilledAt":..}}}. */
  static ObjectNode view(ApiCall c, UsageQuota q) {
    ObjectNode n = c.mapper().createObjectNode();
    if (q == null) {
      n.putNull("quota");
      return n;
    }
    ObjectNode o = n.putObject("quota");
    o.put("remaining", q.remaining());
    o.put("amount", q.amount());
    o.put("refill", q.refill() == null ? null : q.refill().name());
    o.put("refilledAt", q.refilledAt() == null ? null : q.refilledAt().toString());
    return n;
  }

  /** {@code {"amount": 100, "remaining": 40, "refill": "DAILY"}}: amount required, remaining defaults to it. */
  static UsageQuota read(ObjectNode body) {
    JsonInput in = new JsonInput();
    in.unknownFields(body, FIELDS);
    in.throwIfInvalid();
    Map<String, String> errors = new LinkedHashMap<>();
    long amount = count(body.get("amount"), "amount", true, errors);
    long remaining = body.hasNonNull("remaining") ? count(body.get("remaining"), "remaining", false, errors) : amount;
    RefillSchedule refill = null;
    JsonNode r = body.get("refill");
    if (r != null && !r.isNull()) {
      if (r.isTextual() && (r.asText().equals("DAILY") || r.asText().equals("MONTHLY"))) {
        refill = RefillSchedule.valueOf(r.asText());
      } else {
        errors.put("refill", "refill must be \"DAILY\", \"MONTHLY\" or null");
      }
    }
    if (errors.isEmpty() && remaining > amount) {
      errors.put("remaining", "remaining must not be more than amount (" + amount + ")");
    }
    if (!errors.isEmpty()) {
      throw HttpProblem.invalid(errors);
    }
    return new UsageQuota(remaining, amount, refill, null);
  }

  private static long count(JsonNode n, String field, boolean required, Map<String, String> errors) {
    long min = required ? 1 : 0;
    if (n == null || n.isNull()) {
      errors.put(field, field + " is required, a whole number from 1 to " + UsageQuota.MAX + ", e.g. 1000");
      return 1;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > UsageQuota.MAX) {
      errors.put(field, field + " must be a whole number from " + min + " to " + UsageQuota.MAX);
      return 1;
    }
    return n.asLong();
  }
}
