package dev.tokenkit.jdbi;

import java.util.Objects;
import java.util.regex.Pattern;

/** The table names for one validated prefix. Immutable. */
final class TableNames {
  private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]{0,29})?");

  final String prefix;
  final String tokens;
  final String grants;
  final String ipRanges;
  final String audit;
  final String changeCounter;
  final String changes;
  final String history;
  final String sharedSecrets;
  final String nonces;
  final String apiUsage;
  final String channel;
  final String rateLimits;
  final String notices;
  final String importedKeys;

  TableNames(String prefix) {
    Objects.requireNonNull(prefix, "tablePrefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("tablePrefix '" + prefix + "' must be empty or a lowercase letter followed by "
          + "at most 29 lowercase letters, digits or '_' (e.g. 'tokenkit_' or 'acme_tk_')");
    }
    this.prefix = prefix;
    this.tokens = prefix + "tokens";
    this.grants = prefix + "token_grants";
    this.ipRanges = prefix + "token_ip_ranges";
    this.audit = prefix + "audit_events";
    this.changeCounter = prefix + "change_counter";
    this.changes = prefix + "changes";
    this.history = prefix + "schema_history";
    this.sharedSecrets = prefix + "shared_secrets";
    this.nonces = prefix + "signature_nonces";
    this.apiUsage = prefix + "token_api_usage";
    this.channel = prefix + "token_changes";
    this.rateLimits = prefix + "rate_limits";
    this.notices = prefix + "token_notices";
    this.importedKeys = prefix + "imported_keys";
  }
}
