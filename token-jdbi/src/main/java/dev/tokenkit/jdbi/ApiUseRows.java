package dev.tokenkit.jdbi;

import dev.tokenkit.spi.ApiUse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * SQL for the per-token, per-API last uses (V4, issue 19's unused-access report): one batched upsert per flush that
 * only moves forward and skips deleted tokens, and one read per page of tokens. Stateless apart from the names.
 */
final class ApiUseRows {
  private final TableNames t;

  ApiUseRows(TableNames tables) {
    this.t = tables;
  }

  /** The latest use per token and API, in (token, API) order so flushes of several nodes lock rows alike. */
  static List<ApiUse> latest(Collection<ApiUse> uses) {
    TreeMap<String, ApiUse> latest = new TreeMap<>();
    for (ApiUse u : uses) {
      latest.merge(u.tokenId() + '\n' + u.api(), u, (a, b) -> b.at().isAfter(a.at()) ? b : a);
    }
    return new ArrayList<>(latest.values());
  }

  void record(Handle h, Dialect dialect, List<ApiUse> uses) {
    String sql = dialect == Dialect.POSTGRESQL
        ? "INSERT INTO " + t.apiUsage + " AS u (token_id, api, last_used_at) SELECT id, :api, :at FROM " + t.tokens
            + " WHERE id = :id ON CONFLICT (token_id, api) DO UPDATE SET last_used_at = EXCLUDED.last_used_at "
            + "WHERE u.last_used_at < EXCLUDED.last_used_at"
        : "MERGE INTO " + t.apiUsage + " u USING (SELECT id AS token_id, CAST(:api AS VARCHAR(64)) AS api, "
            + "CAST(:at AS TIMESTAMP(3) WITH TIME ZONE) AS at FROM " + t.tokens + " WHERE id = :id) s "
            + "ON (u.token_id = s.token_id AND u.api = s.api) "
            + "WHEN MATCHED AND u.last_used_at < s.at THEN UPDATE SET last_used_at = s.at "
            + "WHEN NOT MATCHED THEN INSERT (token_id, api, last_used_at) VALUES (s.token_id, s.api, s.at)";
    PreparedBatch batch = h.prepareBatch(sql);
    for (ApiUse u : uses) {
      batch.bind("id", u.tokenId()).bind("api", u.api()).bind("at", Timestamps.of(u.at())).add();
    }
    batch.execute();
  }

  List<ApiUse> read(Handle h, Collection<String> tokenIds) {
    if (tokenIds.isEmpty()) {
      return List.of();
    }
    return h.createQuery("SELECT token_id, api, last_used_at FROM " + t.apiUsage + " WHERE token_id IN (<ids>)")
        .bindList("ids", new ArrayList<>(tokenIds))
        .map((rs, ctx) -> new ApiUse(rs.getString("token_id"), rs.getString("api"),
            Timestamps.read(rs, "last_used_at")))
        .list();
  }
}
