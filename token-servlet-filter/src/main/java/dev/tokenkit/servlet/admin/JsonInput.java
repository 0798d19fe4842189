package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Expiration;
import dev.tokenkit.InvalidInputException;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.TokenUpdate;
import dev.tokenkit.internal.SafeEcho;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads request bodies and query parameters into core requests, collecting every type error per field (the core
 * then checks the values). Unknown fields are refused so that typos do not pass silently. One instance per call.
 */
final class JsonInput {
  private static final Set<String> ISSUE_FIELDS =
      Set.of("name", "description", "owner", "role", "access", "expiration", "allowedIps", "signatureSecretId",
          "canary");
  private static final Set<String> UPDATE_FIELDS =
      Set.of("name", "description", "role", "access", "allowedIps", "signatureSecretId");
  private static final String[] STATUS_NAMES = {"ACTIVE", "DISABLED", "REVOKED", "EXPIRED"};

  /** The error's field for an unknown field whose name is not repeated. */
  static final String UNSHOWN_FIELD = "(field name not shown)";

  private final Map<String, String> errors = new LinkedHashMap<>();

  IssueRequest issueRequest(ObjectNode body) {
    unknownFields(body, ISSUE_FIELDS);
    String name = requiredString(body, "name");
    String owner = requiredString(body, "owner");
    String description = optionalString(body, "description");
    String role = optionalString(body, "role");
    Map<String, AccessLevel> access = access(body);
    Expiration expiration = body.has("expiration") && !body.get("expiration").isNull()
        ? expiration(body.get("expiration"), "expiration") : null;
    List<String> ips = stringList(body, "allowedIps");
    String signatureSecretId = optionalString(body, "signatureSecretId");
    boolean canary = optionalBoolean(body, "canary");
    throwIfInvalid();
    return IssueRequest.builder(name, owner).description(description).role(role)
        .access(access == null ? Map.of() : access).expiration(expiration)
        .allowedIps(ips == null ? List.of() : ips).signatureSecretId(signatureSecretId).canary(canary).build();
  }

  TokenUpdate tokenUpdate(ObjectNode body) {
    unknownFields(body, UPDATE_FIELDS);
    TokenUpdate.Builder b = TokenUpdate.builder();
    if (body.has("name")) {
      String name = requiredString(body, "name");
      if (name != null) {
        b.name(name);
      }
    }
    if (body.has("description")) {
      b.description(optionalString(body, "description"));
    }
    if (body.has("role")) {
      b.role(optionalString(body, "role"));
    }
    Map<String, AccessLevel> access = access(body);
    if (access != null) {
      b.access(access);
    }
    List<String> ips = stringList(body, "allowedIps");
    if (ips != null) {
      b.allowedIps(ips);
    }
    if (body.has("signatureSecretId")) {
      b.signatureSecretId(optionalString(body, "signatureSecretId"));
    }
    throwIfInvalid();
    return b.build();
  }

  /** The body of {@code POST /api/shared-secrets}: {@code {"name": "..."}}. */
  String sharedSecretName(ObjectNode body) {
    unknownFields(body, Set.of("name"));
    String name = requiredString(body, "name");
    throwIfInvalid();
    return name;
  }

  /**
   * The owner of a revoke-all: the body's {@code owner}, or else the query parameter; exactly one of them.
   *
   * @param body the body, {@code {}} when empty
   * @param query the {@code owner} query parameter, or {@code null}
   * @return the owner (the core normalises it)
   * @throws HttpProblem 400 when neither or both are given, or the body has other fields
   */
  String owner(ObjectNode body, String query) {
    unknownFields(body, Set.of("owner"));
    String owner = body.has("owner") ? requiredString(body, "owner") : null;
    if (!body.has("owner") && query == null) {
      errors.put("owner", "owner is required: send {\"owner\": \"...\"} or ?owner=...");
    } else if (body.has("owner") && query != null) {
      errors.put("owner", "send the owner once, in the body or in the query, not both");
    }
    throwIfInvalid();
    return owner != null ? owner : query;
  }

  Duration grace(ObjectNode body) {
    unknownFields(body, Set.of("graceSeconds"));
    JsonNode n = body.get("graceSeconds");
    Duration d = Duration.ZERO;
    if (n != null && !n.isNull()) {
      if (!n.canConvertToLong() || !n.isIntegralNumber()) {
        errors.put("graceSeconds", "graceSeconds must be a whole number of seconds, e.g. 3600");
      } else if (n.asLong() < 0) {
        errors.put("graceSeconds", "graceSeconds must not be negative");
      } else {
        d = Duration.ofSeconds(n.asLong());
      }
    }
    throwIfInvalid();
    return d;
  }

  Expiration regenerateExpiration(ObjectNode body) {
    unknownFields(body, Set.of("expiration"));
    JsonNode n = body.get("expiration");
    Expiration e = n == null || n.isNull() ? null : expiration(n, "expiration");
    throwIfInvalid();
    return e;
  }

  TokenStatus status(String text) {
    if (text == null) {
      return null;
    }
    for (String s : STATUS_NAMES) {
      if (s.equals(text.toUpperCase(Locale.ROOT))) {
        return TokenStatus.valueOf(s);
      }
    }
    errors.put("status", "unknown status " + SafeEcho.quote(text) + "; use ACTIVE, DISABLED, REVOKED or EXPIRED");
    return null;
  }

  Instant instant(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      errors.put(field, field + " must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
      return null;
    }
  }

  int limit(String text, int defaultLimit, int max) {
    return wholeNumber("limit", text, defaultLimit, max);
  }

  /** A query parameter that is a whole number from 1 to {@code max}; the default when absent. */
  int wholeNumber(String field, String text, int defaultValue, int max) {
    if (text == null) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(text);
      if (v >= 1 && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.put(field, field + " must be a whole number from 1 to " + max);
    return defaultValue;
  }

  /** {@link #unknownFields} then {@link #throwIfInvalid}: a body with only these fields, or a 400. */
  void rejectUnknown(ObjectNode body, Set<String> known) {
    unknownFields(body, known);
    throwIfInvalid();
  }

  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw HttpProblem.invalid(errors);
    }
  }

  // ---------------------------------------------------------------- fields

  /**
   * Refuses fields outside {@code known}. A field name is reported as the error's field only when
   * {@link SafeEcho} may repeat it, and never inside the message, so a hostile key comes back at most once and only
   * when harmless.
   */
  void unknownFields(ObjectNode body, Set<String> known) {
    String allowed = known.isEmpty() ? "this operation takes no fields"
        : "allowed fields: " + String.join(", ", new TreeSet<>(known));
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!known.contains(f)) {
        errors.put(SafeEcho.isSafe(f) ? f : UNSHOWN_FIELD, "unknown field; " + allowed);
      }
    }
  }

  private String requiredString(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      errors.put(field, field + " is required");
      return null;
    }
    if (!n.isTextual()) {
      errors.put(field, field + " must be a string");
      return null;
    }
    return n.textValue();
  }

  /** A boolean field; absent or {@code null} is {@code false}. */
  private boolean optionalBoolean(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      errors.put(field, field + " must be true or false");
      return false;
    }
    return n.booleanValue();
  }

  private String optionalString(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      errors.put(field, field + " must be a string or null");
      return null;
    }
    String v = n.textValue();
    return v.isBlank() ? null : v;
  }

  private Map<String, AccessLevel> access(ObjectNode body) {
    JsonNode n = body.get("access");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      errors.put("access", "access must be an object of API name to NONE, READ or FULL, e.g. {\"orders\": \"READ\"}");
      return null;
    }
    Map<String, AccessLevel> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        errors.put("access", "access level for " + SafeEcho.quote(e.getKey()) + " must be NONE, READ or FULL");
        continue;
      }
      try {
        out.put(e.getKey(), AccessLevel.parse(e.getValue().textValue()));
      } catch (InvalidInputException ex) {
        errors.putAll(ex.fieldErrors());
      }
    }
    return out;
  }

  private List<String> stringList(ObjectNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      errors.put(field, field + " must be an array of strings, e.g. [\"203.0.113.0/24\"]");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : n) {
      if (!item.isTextual()) {
        errors.put(field, field + " must be an array of strings, e.g. [\"203.0.113.0/24\"]");
        return null;
      }
      out.add(item.textValue());
    }
    return out;
  }

  private Expiration expiration(JsonNode n, String field) {
    String usage = " (use {\"months\": 6}, {\"days\": 30}, {\"period\": \"P1Y\"}, {\"at\": \"2027-01-31T00:00:00Z\"} "
        + "or {\"never\": true})";
    if (!n.isObject() || n.size() != 1) {
      errors.put(field, field + " must be an object with exactly one of months, days, period, at, never" + usage);
      return null;
    }
    Map.Entry<String, JsonNode> e = n.fields().next();
    JsonNode v = e.getValue();
    try {
      switch (e.getKey()) {
        case "months":
          if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Expiration.months(v.intValue());
          }
          break;
        case "days":
          if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Expiration.days(v.intValue());
          }
          break;
        case "period":
          if (v.isTextual()) {
            return Expiration.after(Period.parse(v.textValue()));
          }
          break;
        case "at":
          if (v.isTextual()) {
            return Expiration.at(Instant.parse(v.textValue()));
          }
          break;
        case "never":
          if (v.isBoolean() && v.booleanValue()) {
            return Expiration.never();
          }
          break;
        default:
          break;
      }
    } catch (DateTimeParseException ex) {
      // reported below
    } catch (InvalidInputException ex) {
      errors.put(field, ex.fieldErrors().values().iterator().next());
      return null;
    }
    errors.put(field, "invalid expiration " + SafeEcho.quote(e.getKey()) + usage);
    return null;
  }
}
