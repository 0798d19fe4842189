package dev.tokenkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One token's entry in the unused-access report (AWS IAM Access Advisor's "last accessed" for tokens): the grants it
 * did not use within the period, and the last use of every API it did use. Immutable and thread-safe.
 *
 * @param token the token; never {@code null}
 * @param unused the grants unused within the period or never used; never empty in a report
 * @param lastUseByApi API name to its last use by this token; never {@code null}
 */
public record UnusedAccess(Token token, List<UnusedGrant> unused, Map<String, Instant> lastUseByApi) {
  /** Copies the components. */
  public UnusedAccess {
    unused = List.copyOf(unused);
    lastUseByApi = Map.copyOf(lastUseByApi);
  }
}
