package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects field errors for one request and throws them together. */
final class Validation {
  static final int MAX_NAME = 100;
  static final int MAX_OWNER = 200;
  static final int MAX_DESCRIPTION = 1000;
  static final int MAX_IP_RANGES = 100;

  private final Map<String, String> errors = new LinkedHashMap<>();
  private ExpiryPolicyException policyError;

  /**
   * A required one-line text (name, owner): stripped, checked by {@link TextRules}, NFC-normalised.
   *
   * @return the normalised value (the input when refused)
   */
  String name(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.put(field, field + " is required");
      return value;
    }
    return text(field, value.strip(), max, false);
  }

  /** An optional multi-line description: stripped, checked, NFC-normalised; blank is {@code null}. */
  String description(String value) {
    if (value == null) {
      return null;
    }
    String v = text("description", value.strip(), MAX_DESCRIPTION, true);
    return v.isEmpty() ? null : v;
  }

  private String text(String field, String stripped, int max, boolean multiline) {
    String problem = TextRules.problem(field, stripped, multiline);
    if (problem != null) {
      errors.put(field, problem);
      return stripped;
    }
    String v = TextRules.nfc(stripped);
    if (v.length() > max) {
      errors.put(field, field + " must be at most " + max + " characters");
    }
    return v;
  }

  String role(String role, Map<String, Role> roles) {
    if (role != null && !roles.containsKey(role)) {
      errors.put("role", "unknown role " + SafeEcho.quote(role) + "; registered roles: " + String.join(", ", roles.keySet()));
    }
    return role;
  }

  AccessGrants access(Map<String, AccessLevel> access) {
    try {
      return AccessGrants.of(access);
    } catch (InvalidInputException e) {
      errors.putAll(e.fieldErrors());
      return AccessGrants.none();
    }
  }

  List<IpRange> ipRanges(List<String> cidrs) {
    List<IpRange> out = new ArrayList<>();
    if (cidrs.size() > MAX_IP_RANGES) {
      errors.put("allowedIps", "at most " + MAX_IP_RANGES + " IP ranges per token");
      return out;
    }
    for (String c : cidrs) {
      try {
        IpRange r = IpRange.parse(c == null ? "" : c);
        if (!out.contains(r)) {
          out.add(r);
        }
      } catch (InvalidInputException e) {
        errors.merge("allowedIps", e.fieldErrors().get("allowedIps"), (a, b) -> a + "; " + b);
      }
    }
    return out;
  }

  /**
   * Resolves an expiry under the policy; a policy refusal is reported as such unless other fields are bad too.
   *
   * @return the expiry, {@code null} for never or when refused (then {@link #throwIfInvalid()} throws)
   */
  Instant expiry(ExpiryPolicy policy, Expiration requested, Instant now) {
    try {
      return policy.resolve(requested, now);
    } catch (InvalidInputException e) {
      errors.putAll(e.fieldErrors());
    } catch (ExpiryPolicyException e) {
      policyError = e;
    }
    return null;
  }

  /** A shared secret id that must name an existing shared secret of the store; blank counts as none. */
  String signatureSecretId(String id, dev.tokenkit.spi.TokenStore store) {
    if (id == null || id.isBlank()) {
      return null;
    }
    String v = id.strip();
    boolean exists = store.sharedSecrets().map(s -> s.findSharedSecret(v).isPresent()).orElse(false);
    if (!exists) {
      errors.put("signatureSecretId", "no shared secret has the id " + SafeEcho.quote(v) + "; create one first "
          + "(POST /api/shared-secrets) or list them to find the id, or use null for no signature");
    }
    return v;
  }

  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      if (policyError != null) {
        errors.put("expiration", policyError.getMessage());
      }
      throw new InvalidInputException(errors);
    }
    if (policyError != null) {
      throw policyError;
    }
  }
}
