package dev.tokenkit.jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The persistent change sequence behind the change feed. {@link #record} runs inside the changing transaction:
 * it bumps the single counter row (its row lock makes commits follow sequence order, so a poller reading
 * {@code seq > last} never skips a change that commits later) and, on PostgreSQL, queues a NOTIFY that is
 * delivered when the transaction commits. Entries are stamped with the store's clock, and pruned by it.
 */
final class ChangeLog {
  /** One change: its sequence number and the token id. */
  record Change(long seq, String tokenId, Instant changedAt) {}

  private final TableNames t;
  private final Clock clock;

  ChangeLog(TableNames tables, Clock clock) {
    this.t = tables;
    this.clock = clock;
  }

  void record(Handle h, Dialect dialect, String tokenId) {
    int n = h.createUpdate("UPDATE " + t.changeCounter + " SET seq = seq + 1 WHERE id = 1").execute();
    if (n != 1) {
      throw new IllegalStateException("The change counter row is missing from " + t.changeCounter
          + "; apply the TokenKit migrations (JdbiTokenStore.migrate() or classpath:db/tokenkit) completely");
    }
    long seq = currentSeq(h);
    h.createUpdate("INSERT INTO " + t.changes + " (seq, token_id, changed_at) VALUES (:seq, :id, :at)")
        .bind("seq", seq).bind("id", tokenId).bind("at", Timestamps.of(clock.instant())).execute();
    if (dialect == Dialect.POSTGRESQL) {
      h.createQuery("SELECT pg_notify(:channel, :id)").bind("channel", t.channel).bind("id", tokenId)
          .mapTo(String.class).list();
    }
  }

  /**
   * Records changes of many tokens in a constant number of statements (issue 14, revoke-all): one counter bump by
   * their number, one batched insert of their entries and, on PostgreSQL, one statement notifying every id.
   */
  void recordAll(Handle h, Dialect dialect, List<String> tokenIds) {
    int n = h.createUpdate("UPDATE " + t.changeCounter + " SET seq = seq + :n WHERE id = 1")
        .bind("n", tokenIds.size()).execute();
    if (n != 1) {
      throw new IllegalStateException("The change counter row is missing from " + t.changeCounter
          + "; apply the TokenKit migrations (JdbiTokenStore.migrate() or classpath:db/tokenkit) completely");
    }
    long first = currentSeq(h) - tokenIds.size() + 1;
    org.jdbi.v3.core.argument.Argument at = Timestamps.of(clock.instant());
    PreparedBatch batch = h.prepareBatch("INSERT INTO " + t.changes + " (seq, token_id, changed_at) "
        + "VALUES (:seq, :id, :at)");
    for (int i = 0; i < tokenIds.size(); i++) {
      batch.bind("seq", first + i).bind("id", tokenIds.get(i)).bind("at", at).add();
    }
    batch.execute();
    if (dialect == Dialect.POSTGRESQL) {
      h.createQuery("SELECT pg_notify(:channel, u.id) FROM unnest(:ids) AS u(id)").bind("channel", t.channel)
          .bindArray("ids", String.class, tokenIds).mapTo(String.class).list();
    }
  }

  long currentSeq(Handle h) {
    return h.createQuery("SELECT seq FROM " + t.changeCounter + " WHERE id = 1").mapTo(Long.class).findOne()
        .orElseThrow(() -> new IllegalStateException("The change counter row is missing from " + t.changeCounter
            + "; apply the TokenKit migrations completely"));
  }

  List<Change> after(Handle h, long seq, int limit) {
    return h.createQuery("SELECT seq, token_id, changed_at FROM " + t.changes
            + " WHERE seq > :seq ORDER BY seq LIMIT :limit")
        .bind("seq", seq).bind("limit", limit)
        .map((rs, ctx) -> new Change(rs.getLong("seq"), rs.getString("token_id"), Timestamps.read(rs, "changed_at")))
        .list();
  }

  int prune(Handle h, Instant before) {
    return h.createUpdate("DELETE FROM " + t.changes + " WHERE changed_at < :before")
        .bind("before", Timestamps.of(before)).execute();
  }
}
