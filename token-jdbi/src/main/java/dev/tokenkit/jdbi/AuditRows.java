package dev.tokenkit.jdbi;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.spi.PageCursor;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** SQL for the audit-events table. */
final class AuditRows {
  private final TableNames t;

  AuditRows(TableNames tables) {
    this.t = tables;
  }

  void insert(Handle h, AuditEvent e) {
    h.createUpdate("INSERT INTO " + t.audit + " (id, event_type, token_id, actor, actor_ip, occurred_at, detail) "
            + "VALUES (:id, :type, :tokenId, :actor, :actorIp, :at, :detail)")
        .bind("id", e.id())
        .bind("type", e.type().name())
        .bind("tokenId", e.tokenId())
        .bind("actor", e.actor())
        .bind("actorIp", ClientIps.fit(e.actorIp()))
        .bind("at", Timestamps.of(e.at()))
        .bind("detail", e.detail())
        .execute();
  }

  /** Several events in one batched statement. */
  void insertAll(Handle h, java.util.Collection<AuditEvent> events) {
    org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch("INSERT INTO " + t.audit
        + " (id, event_type, token_id, actor, actor_ip, occurred_at, detail) "
        + "VALUES (:id, :type, :tokenId, :actor, :actorIp, :at, :detail)");
    for (AuditEvent e : events) {
      batch.bind("id", e.id()).bind("type", e.type().name()).bind("tokenId", e.tokenId()).bind("actor", e.actor())
          .bind("actorIp", ClientIps.fit(e.actorIp())).bind("at", Timestamps.of(e.at())).bind("detail", e.detail())
          .add();
    }
    batch.execute();
  }

  /** One page, newest first (limit + 1 rows). */
  List<AuditEvent> list(Handle h, Dialect dialect, AuditQuery q) {
    StringBuilder sql = new StringBuilder("SELECT id, event_type, token_id, actor, actor_ip, occurred_at, detail FROM ")
        .append(t.audit).append(" WHERE 1 = 1");
    if (q.tokenId() != null) {
      sql.append(" AND token_id = :tokenId");
    }
    PageCursor after = PageCursor.decode(q.cursor());
    if (after != null) {
      sql.append(" AND (occurred_at < :cursorAt OR (occurred_at = :cursorAt AND ").append(dialect.orderedId)
          .append(" < :cursorId))");
    }
    sql.append(" ORDER BY occurred_at DESC, ").append(dialect.orderedId).append(" DESC LIMIT :limit");
    Query query = h.createQuery(sql.toString()).bind("limit", q.limit() + 1);
    if (q.tokenId() != null) {
      query.bind("tokenId", q.tokenId());
    }
    if (after != null) {
      query.bind("cursorAt", Timestamps.of(after.at())).bind("cursorId", after.id());
    }
    return query.map((rs, ctx) -> new AuditEvent(rs.getString("id"), AuditEventType.valueOf(rs.getString("event_type")),
        rs.getString("token_id"), rs.getString("actor"), rs.getString("actor_ip"), Timestamps.read(rs, "occurred_at"),
        rs.getString("detail"))).list();
  }
}
