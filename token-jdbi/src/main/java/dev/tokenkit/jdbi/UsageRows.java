package dev.tokenkit.jdbi;

import dev.tokenkit.quota.RefillSchedule;
import dev.tokenkit.quota.UsageQuota;
import dev.tokenkit.spi.StoredToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for usage controls (migration V5): the usage-quota columns of the tokens table ({@code remaining_uses},
 * NULL = no quota; {@code quota_amount}; {@code quota_refill}, DAILY, MONTHLY or NULL; {@code quota_refilled_at})
 * the lifecycle-notice claims and the imported-key index. Stateless apart from the names.
 */
final class UsageRows {
  static final String COLUMNS = "remaining_uses, quota_amount, quota_refill, quota_refilled_at";

  /** A refill is due when the period containing "now" started after the last refill. */
  private static final String DUE = "(quota_refill = 'DAILY' AND quota_refilled_at < :dayStart"
      + " OR quota_refill = 'MONTHLY' AND quota_refilled_at < :monthStart)";

  private final TableNames t;

  UsageRows(TableNames tables) {
    this.t = tables;
  }

  static UsageQuota read(ResultSet rs) throws SQLException {
    long remaining = rs.getLong("remaining_uses");
    if (rs.wasNull()) {
      return null;
    }
    String refill = rs.getString("quota_refill");
    return new UsageQuota(remaining, rs.getLong("quota_amount"), refill == null ? null : RefillSchedule.valueOf(refill),
        Timestamps.read(rs, "quota_refilled_at"));
  }

  /**
   * One use in one conditional UPDATE: a due refill first (remaining = amount - 1, refilled at the period's start),
   * else remaining - 1 while it is above 0. The row lock serialises concurrent uses on every node, so the count is
   * exact: never more uses than the quota.
   *
   * @return 1 when a use was taken, 0 when none is left or the token has no quota or no longer exists
   */
  int consume(Handle h, String id, Instant now) {
    return h.createUpdate("UPDATE " + t.tokens + " SET "
            + "remaining_uses = CASE WHEN " + DUE + " THEN quota_amount - 1 ELSE remaining_uses - 1 END, "
            + "quota_refilled_at = CASE WHEN " + DUE + " THEN (CASE quota_refill WHEN 'DAILY' THEN :dayStart "
            + "ELSE :monthStart END) ELSE quota_refilled_at END "
            + "WHERE id = :id AND remaining_uses IS NOT NULL AND (remaining_uses > 0 OR " + DUE + ")")
        .bind("id", id)
        .bind("dayStart", Timestamps.of(RefillSchedule.DAILY.periodStart(now)))
        .bind("monthStart", Timestamps.of(RefillSchedule.MONTHLY.periodStart(now)))
        .execute();
  }

  /** Whether the token exists and has no quota (a use is then always allowed). */
  boolean hasNoQuota(Handle h, String id) {
    return h.createQuery("SELECT COUNT(*) FROM " + t.tokens + " WHERE id = :id AND remaining_uses IS NULL")
        .bind("id", id).mapTo(Integer.class).one() > 0;
  }

  /** Inserts a notice claim; a primary-key violation means another node claimed it first. */
  void claim(Handle h, String tokenId, String notice, Instant expiresAt, Instant now) {
    h.createUpdate("INSERT INTO " + t.notices + " (token_id, notice, expires_at, claimed_at) "
            + "VALUES (:id, :notice, :expiresAt, :now)")
        .bind("id", tokenId).bind("notice", notice).bind("expiresAt", Timestamps.of(expiresAt))
        .bind("now", Timestamps.of(now)).execute();
  }

  /** Adds an imported key's index entry (a primary-key violation: the key was imported before). */
  void insertLookup(Handle h, String lookup, String tokenId) {
    h.createUpdate("INSERT INTO " + t.importedKeys + " (lookup, token_id) VALUES (:lookup, :id)")
        .bind("lookup", lookup).bind("id", tokenId).execute();
  }

  Optional<String> findLookup(Handle h, String lookup) {
    return h.createQuery("SELECT token_id FROM " + t.importedKeys + " WHERE lookup = :lookup").bind("lookup", lookup)
        .mapTo(String.class).findOne();
  }

  Map<String, String> lookups(Handle h) {
    Map<String, String> all = new HashMap<>();
    h.createQuery("SELECT lookup, token_id FROM " + t.importedKeys)
        .map((rs, ctx) -> Map.entry(rs.getString("lookup"), rs.getString("token_id")))
        .forEach(e -> all.put(e.getKey(), e.getValue()));
    return all;
  }

  /** Compare-and-set of version, update time and the quota columns; returns the rows changed. */
  int set(Handle h, StoredToken s, long expectedVersion) {
    UsageQuota q = s.quota();
    return h.createUpdate("UPDATE " + t.tokens + " SET version = :version, updated_at = :updatedAt, "
            + "remaining_uses = :remaining, quota_amount = :amount, quota_refill = :refill, "
            + "quota_refilled_at = :refilledAt WHERE id = :id AND version = :expected")
        .bind("version", s.version())
        .bind("updatedAt", Timestamps.of(s.token().updatedAt()))
        .bind("remaining", q == null ? null : q.remaining())
        .bind("amount", q == null ? null : q.amount())
        .bind("refill", q == null || q.refill() == null ? null : q.refill().name())
        .bind("refilledAt", Timestamps.of(q == null ? null : q.refilledAt()))
        .bind("id", s.id())
        .bind("expected", expectedVersion)
        .execute();
  }
}
