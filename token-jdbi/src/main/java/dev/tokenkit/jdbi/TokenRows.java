package dev.tokenkit.jdbi;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.IpRange;
import dev.tokenkit.Token;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.quota.UsageQuota;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.PageCursor;
import dev.tokenkit.spi.StoredToken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** SQL for the tokens table and its grant and IP-range child tables. Stateless apart from the names. */
final class TokenRows {
  private static final String COLUMNS = "id, token_prefix, name, description, owner, role_name, status, created_at, "
      + "updated_at, expires_at, secret_hash, previous_secret_hash, previous_secret_valid_until, last_used_at, "
      + "last_used_ip, version, signature_secret_id, canary";
  /** What a read selects: the written columns plus the usage quota ({@link UsageRows} writes it). */
  private static final String READ_COLUMNS = COLUMNS + ", " + UsageRows.COLUMNS;

  private final TableNames t;

  TokenRows(TableNames tables) {
    this.t = tables;
  }

  void insert(Handle h, StoredToken s) {
    Token k = s.token();
    h.createUpdate("INSERT INTO " + t.tokens + " (" + COLUMNS + ") VALUES (:id, :prefix, :name, :description, :owner, "
            + ":role, :status, :createdAt, :updatedAt, :expiresAt, :hash, :previousHash, :previousUntil, :lastUsedAt, "
            + ":lastUsedIp, :version, :signatureSecretId, :canary)")
        .bind("id", k.id())
        .bind("prefix", k.prefix())
        .bind("owner", k.owner())
        .bind("createdAt", Timestamps.of(k.createdAt()))
        .bind("lastUsedAt", Timestamps.of(k.lastUsedAt()))
        .bind("lastUsedIp", ClientIps.fit(k.lastUsedIp()))
        .bind("canary", k.canary())
        .bindMap(changeable(s))
        .execute();
    insertChildren(h, k);
  }

  /** The columns a management change may write (everything but id, prefix, owner, creation and last use). */
  private static java.util.Map<String, Object> changeable(StoredToken s) {
    Token k = s.token();
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("name", k.name());
    values.put("description", k.description());
    values.put("role", k.role());
    values.put("status", k.status().name());
    values.put("updatedAt", Timestamps.of(k.updatedAt()));
    values.put("expiresAt", Timestamps.of(k.expiresAt()));
    values.put("hash", s.secretHash());
    values.put("previousHash", s.previousSecretHash());
    values.put("previousUntil", Timestamps.of(s.previousSecretValidUntil()));
    values.put("version", k.version());
    values.put("signatureSecretId", k.signatureSecretId());
    return values;
  }

  /** Compare-and-set of everything but id, prefix, owner, creation and last use; returns the updated row count. */
  int update(Handle h, StoredToken s, long expectedVersion) {
    Token k = s.token();
    int n = h.createUpdate("UPDATE " + t.tokens + " SET name = :name, description = :description, role_name = :role, "
            + "status = :status, updated_at = :updatedAt, expires_at = :expiresAt, secret_hash = :hash, "
            + "previous_secret_hash = :previousHash, previous_secret_valid_until = :previousUntil, version = :version, "
            + "signature_secret_id = :signatureSecretId "
            + "WHERE id = :id AND version = :expected")
        .bind("id", k.id())
        .bind("expected", expectedVersion)
        .bindMap(changeable(s))
        .execute();
    if (n == 1) {
      h.createUpdate("DELETE FROM " + t.grants + " WHERE token_id = :id").bind("id", k.id()).execute();
      h.createUpdate("DELETE FROM " + t.ipRanges + " WHERE token_id = :id").bind("id", k.id()).execute();
      insertChildren(h, k);
    }
    return n;
  }

  private void insertChildren(Handle h, Token k) {
    Map<String, AccessLevel> grants = k.access().asMap();
    if (!grants.isEmpty()) {
      PreparedBatch batch = h.prepareBatch("INSERT INTO " + t.grants + " (token_id, api, access_level) "
          + "VALUES (:id, :api, :level)");
      for (Map.Entry<String, AccessLevel> g : grants.entrySet()) {
        batch.bind("id", k.id()).bind("api", g.getKey()).bind("level", g.getValue().name()).add();
      }
      batch.execute();
    }
    if (!k.allowedIps().isEmpty()) {
      PreparedBatch batch = h.prepareBatch("INSERT INTO " + t.ipRanges + " (token_id, pos, cidr) "
          + "VALUES (:id, :pos, :cidr)");
      int pos = 0;
      for (IpRange r : k.allowedIps()) {
        batch.bind("id", k.id()).bind("pos", pos++).bind("cidr", r.toString()).add();
      }
      batch.execute();
    }
  }

  /** The stored version of a token, or -1 when it does not exist. */
  long version(Handle h, String id) {
    return h.createQuery("SELECT version FROM " + t.tokens + " WHERE id = :id").bind("id", id)
        .mapTo(Long.class).findOne().orElse(-1L);
  }

  /** One batched UPDATE per token, only moving forward in time; returns how many rows changed. */
  int recordLastUse(Handle h, List<LastUse> uses) {
    PreparedBatch batch = h.prepareBatch("UPDATE " + t.tokens + " SET last_used_at = :at, last_used_ip = :ip "
        + "WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)");
    for (LastUse u : uses) {
      batch.bind("id", u.tokenId()).bind("at", Timestamps.of(u.at())).bind("ip", ClientIps.fit(u.ip())).add();
    }
    int changed = 0;
    for (int n : batch.execute()) {
      changed += Math.max(n, 0);
    }
    return changed;
  }

  /**
   * Revokes every unrevoked token of an owner in two statements (issue 14) and returns their ids: a locking read
   * in id order, then PostgreSQL {@code UPDATE ... RETURNING}, H2 {@code SELECT ... FROM FINAL TABLE (UPDATE ...)}.
   */
  List<String> revokeAll(Handle h, Dialect dialect, String owner, Instant at) {
    // Lock the rows first, in id order: the last-use flush updates rows in id order too, so the two never lock in
    // opposite orders (a deadlock that H2 resolves only after its lock timeout, PostgreSQL after deadlock_timeout).
    h.createQuery("SELECT id FROM " + t.tokens + " WHERE owner = :owner AND status <> 'REVOKED' ORDER BY "
        + dialect.orderedId + " FOR UPDATE").bind("owner", owner).mapTo(String.class).list();
    String update = "UPDATE " + t.tokens + " SET status = 'REVOKED', version = version + 1, updated_at = :at "
        + "WHERE owner = :owner AND status <> 'REVOKED'";
    String sql = dialect == Dialect.POSTGRESQL ? update + " RETURNING id" : "SELECT id FROM FINAL TABLE (" + update + ")";
    return h.createQuery(sql).bind("owner", owner).bind("at", Timestamps.of(at)).mapTo(String.class).list();
  }

  boolean delete(Handle h, String id) {
    return h.createUpdate("DELETE FROM " + t.tokens + " WHERE id = :id").bind("id", id).execute() > 0;
  }

  /**
   * Reads one token with its grants and IP ranges in a single statement (one snapshot, one round trip: this is
   * the verification cold path). Grant rows carry {@code api}, IP rows carry {@code cidr}.
   */
  Optional<StoredToken> findById(Handle h, String id) {
    String tokenColumns = "t." + READ_COLUMNS.replace(", ", ", t.");
    List<Joined> rows = h.createQuery("SELECT " + tokenColumns + ", g.api, g.access_level, NULL AS pos, NULL AS cidr "
            + "FROM " + t.tokens + " t LEFT JOIN " + t.grants + " g ON g.token_id = t.id WHERE t.id = :id "
            + "UNION ALL SELECT " + tokenColumns + ", NULL, NULL, r.pos, r.cidr "
            + "FROM " + t.tokens + " t JOIN " + t.ipRanges + " r ON r.token_id = t.id WHERE t.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> new Joined(Row.read(rs), rs.getString("api"), rs.getString("access_level"),
            rs.getInt("pos"), rs.getString("cidr")))
        .list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, AccessLevel> grants = new LinkedHashMap<>();
    TreeMap<Integer, IpRange> ips = new TreeMap<>();
    for (Joined j : rows) {
      if (j.api != null) {
        grants.put(j.api, AccessLevel.valueOf(j.level));
      }
      if (j.cidr != null) {
        ips.put(j.pos, IpRange.parse(j.cidr));
      }
    }
    return Optional.of(toStored(rows.get(0).row, grants.isEmpty() ? null : grants, new ArrayList<>(ips.values())));
  }

  /** A token row joined with one grant or one IP range. */
  private record Joined(Row row, String api, String level, int pos, String cidr) {}

  /** One page (limit + 1 rows, so the caller can tell whether there is a next page). */
  List<StoredToken> list(Handle h, Dialect dialect, TokenQuery q, Instant now) {
    StringBuilder sql = new StringBuilder("SELECT ").append(READ_COLUMNS).append(" FROM ").append(t.tokens)
        .append(" WHERE 1 = 1");
    if (q.owner() != null) {
      sql.append(" AND owner = :owner");
    }
    if (q.status() != null) {
      switch (q.status()) {
        case REVOKED -> sql.append(" AND status = 'REVOKED'");
        case EXPIRED -> sql.append(" AND status <> 'REVOKED' AND expires_at IS NOT NULL AND expires_at <= :now");
        default -> sql.append(" AND status = :status AND (expires_at IS NULL OR expires_at > :now)");
      }
    }
    if (q.expiringBefore() != null) {
      sql.append(" AND expires_at < :before");
    }
    PageCursor after = PageCursor.decode(q.cursor());
    if (after != null) {
      sql.append(" AND (created_at < :cursorAt OR (created_at = :cursorAt AND ").append(dialect.orderedId)
          .append(" < :cursorId))");
    }
    sql.append(" ORDER BY created_at DESC, ").append(dialect.orderedId).append(" DESC LIMIT :limit");
    Query query = h.createQuery(sql.toString()).bind("limit", q.limit() + 1);
    if (q.owner() != null) {
      query.bind("owner", q.owner());
    }
    if (q.status() != null && q.status() != TokenStatus.REVOKED) {
      query.bind("now", Timestamps.of(now));
      if (q.status() != TokenStatus.EXPIRED) {
        query.bind("status", q.status().name());
      }
    }
    if (q.expiringBefore() != null) {
      query.bind("before", Timestamps.of(q.expiringBefore()));
    }
    if (after != null) {
      query.bind("cursorAt", Timestamps.of(after.at())).bind("cursorId", after.id());
    }
    return assemble(h, query.map((rs, ctx) -> Row.read(rs)).list());
  }

  private List<StoredToken> assemble(Handle h, List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(rows.size());
    for (Row r : rows) {
      ids.add(r.id);
    }
    Map<String, Map<String, AccessLevel>> grants = new HashMap<>();
    h.createQuery("SELECT token_id, api, access_level FROM " + t.grants + " WHERE token_id IN (<ids>)")
        .bindList("ids", ids)
        .map((rs, ctx) -> {
          grants.computeIfAbsent(rs.getString("token_id"), k -> new LinkedHashMap<>())
              .put(rs.getString("api"), AccessLevel.valueOf(rs.getString("access_level")));
          return Boolean.TRUE;
        }).list();
    Map<String, List<IpRange>> ips = new HashMap<>();
    h.createQuery("SELECT token_id, cidr FROM " + t.ipRanges + " WHERE token_id IN (<ids>) ORDER BY token_id, pos")
        .bindList("ids", ids)
        .map((rs, ctx) -> ips.computeIfAbsent(rs.getString("token_id"), k -> new ArrayList<>())
            .add(IpRange.parse(rs.getString("cidr")))).list();
    List<StoredToken> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(toStored(r, grants.get(r.id), ips.getOrDefault(r.id, List.of())));
    }
    return out;
  }

  private static StoredToken toStored(Row r, Map<String, AccessLevel> grants, List<IpRange> ranges) {
    Token token = new Token(r.id, r.prefix, r.name, r.description, r.owner, r.role,
        grants == null ? AccessGrants.none() : AccessGrants.of(grants), r.status, r.createdAt, r.updatedAt,
        r.expiresAt, ranges, r.lastUsedAt, r.lastUsedIp, r.version, r.signatureSecretId, r.canary);
    return new StoredToken(token, r.secretHash, r.previousHash, r.previousUntil, r.quota);
  }

  /** One row of the tokens table. Holds hashes: never logged, no toString. */
  private static final class Row {
    String id;
    String prefix;
    String name;
    String description;
    String owner;
    String role;
    TokenStatus status;
    Instant createdAt;
    Instant updatedAt;
    Instant expiresAt;
    String secretHash;
    String previousHash;
    Instant previousUntil;
    Instant lastUsedAt;
    String lastUsedIp;
    long version;
    String signatureSecretId;
    boolean canary;
    UsageQuota quota;

    static Row read(ResultSet rs) throws SQLException {
      Row r = new Row();
      r.id = rs.getString("id");
      r.prefix = rs.getString("token_prefix");
      r.name = rs.getString("name");
      r.description = rs.getString("description");
      r.owner = rs.getString("owner");
      r.role = rs.getString("role_name");
      r.status = TokenStatus.valueOf(rs.getString("status"));
      r.createdAt = Timestamps.read(rs, "created_at");
      r.updatedAt = Timestamps.read(rs, "updated_at");
      r.expiresAt = Timestamps.read(rs, "expires_at");
      r.secretHash = rs.getString("secret_hash");
      r.previousHash = rs.getString("previous_secret_hash");
      r.previousUntil = Timestamps.read(rs, "previous_secret_valid_until");
      r.lastUsedAt = Timestamps.read(rs, "last_used_at");
      r.lastUsedIp = rs.getString("last_used_ip");
      r.version = rs.getLong("version");
      r.signatureSecretId = rs.getString("signature_secret_id");
      r.canary = rs.getBoolean("canary");
      r.quota = UsageRows.read(rs);
      return r;
    }

    @Override
    public String toString() {
      return "Row[" + id + ", hashes=redacted]";
    }
  }
}
