package dev.tokenkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.FailureReason;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.Page;
import dev.tokenkit.Token;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.ChangeFeedTokenStore;
import dev.tokenkit.benchmarks.support.Percentiles;
import dev.tokenkit.jdbi.JdbiTokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * (Issue 14, database path) The JDBI store through a HikariCP pool, on PostgreSQL or H2, with a large table; plain
 * {@code main}, not JMH. Steps:
 *
 * <ol>
 *   <li>Creates the tables (own prefix) and bulk-loads {@code --tokens} rows (default 1,000,000) with one
 *       {@code INSERT ... SELECT} over a number series: owners {@code owner0..owner999}, created one second apart,
 *       READONLY, expiring 60–360 days ahead except every 20,000th row, which expires in 3 days (so
 *       "expiring within 7 days" returns {@code tokens / 20000} rows, e.g. 50), plus {@code --revoke - 200} rows of
 *       owner {@code revoke-me}.</li>
 *   <li><b>list</b>: a page of 50, newest first, 200 times (and the same page for one owner); p50 / p99.</li>
 *   <li><b>expiringWithin</b>(7 days), 50 times; p50 / p99 and the row count.</li>
 *   <li><b>cold verify vs bare primary-key query</b>, interleaved, 2,000 each after 500 warm-up rounds: a cache
 *       miss forced through the change feed ({@link ChangeFeedTokenStore#announceChange}) then
 *       {@code authenticate}, against a plain JDBC {@code SELECT <all token columns> FROM tokens WHERE id = ?} on a
 *       connection of the same pool; medians and their ratio.</li>
 *   <li><b>revokeAll</b> of {@code --revoke} tokens (default 10,000) of owner {@code revoke-me}, 200 of them real
 *       tokens that a second node (another service and store on the same database) has verified and cached: the
 *       call's time, the SQL statements it ran on the calling thread (counted with a JDBI {@code SqlLogger}; a JDBC
 *       batch counts as one; the change-feed pollers' statements are not counted), and the time until the second
 *       node rejects all 200 as REVOKED.</li>
 * </ol>
 *
 * <p>Run: {@code java -Xmx3g -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.DatabasePathHarness
 * --db jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres [--tokens 1000000] [--revoke 10000]}; {@code --db h2}
 * for an in-memory H2. Tables are left behind with their prefix (printed) unless {@code --drop}.
 */
public final class DatabasePathHarness {
  private static final String HASH = "$sha256$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final int REAL_REVOKED = 200;

  private DatabasePathHarness() {}

  /**
   * Runs the harness.
   *
   * @param args see the class comment
   * @throws Exception when the database fails
   */
  public static void main(String[] args) throws Exception {
    String db = "h2";
    int tokens = 1_000_000;
    int revoke = 10_000;
    boolean drop = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--db" -> db = args[++i];
        case "--tokens" -> tokens = Integer.parseInt(args[++i]);
        case "--revoke" -> revoke = Integer.parseInt(args[++i]);
        case "--drop" -> drop = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --db <jdbc-url|h2> --tokens <n> --revoke <n> --drop");
      }
    }
    boolean pg = db.startsWith("jdbc:postgresql:");
    String url = db.equals("h2") ? "jdbc:h2:mem:dbpath;DB_CLOSE_DELAY=-1" : db;
    String prefix = "dbp" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "_";
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    config.setPoolName("tokenkit-bench");
    try (HikariDataSource pool = new HikariDataSource(config)) {
      AtomicInteger statements = new AtomicInteger();
      Thread main = Thread.currentThread(); // count this thread's statements only, not the change-feed pollers'
      Jdbi jdbi = Jdbi.create(pool).setSqlLogger(new SqlLogger() {
        @Override
        public void logAfterExecution(StatementContext context) {
          if (Thread.currentThread() == main) {
            statements.incrementAndGet();
          }
        }
      });
      JdbiTokenStore storeA = JdbiTokenStore.builder(jdbi).tablePrefix(prefix).build();
      storeA.migrate();
      System.out.printf(Locale.ROOT, "database: %s, pool: HikariCP (max 8), tables: %s*%n",
          pg ? "PostgreSQL" : "H2 (in memory)", prefix);
      long t0 = System.nanoTime();
      bulkLoad(pool, prefix, pg, tokens, revoke - REAL_REVOKED);
      System.out.printf(Locale.ROOT, "bulk-loaded %,d + %,d rows in %.1f s%n", tokens, revoke - REAL_REVOKED,
          (System.nanoTime() - t0) / 1e9);

      ChangeFeedTokenStore feedA = new ChangeFeedTokenStore(storeA);
      JdbiTokenStore storeB = JdbiTokenStore.builder(Jdbi.create(pool)).tablePrefix(prefix).build();
      try (TokenService a = BenchServices.builder(feedA).build(); TokenService b = BenchServices.builder(storeB).build()) {
        listAndExpiring(a);
        coldVerifyVsBareQuery(a, feedA, pool, prefix);
        revokeAll(a, b, statements, revoke);
      } finally {
        storeB.close();
        feedA.close();
      }
      if (drop) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
          for (String t : List.of("token_grants", "token_ip_ranges", "tokens", "audit_events", "changes",
              "change_counter", "schema_history")) {
            s.execute("DROP TABLE IF EXISTS " + prefix + t);
          }
        }
      }
    }
  }

  private static void bulkLoad(HikariDataSource pool, String prefix, boolean pg, int tokens, int revokeRows)
      throws SQLException {
    String cols = "id, token_prefix, name, description, owner, role_name, status, created_at, updated_at, expires_at, "
        + "secret_hash, previous_secret_hash, previous_secret_valid_until, last_used_at, last_used_ip, version";
    String num = pg ? "g.n" : "g.X";
    String series = pg ? "generate_series(1, ?) AS g(n)" : "SYSTEM_RANGE(1, ?) AS g";
    String created = pg ? "?::timestamptz - " + num + " * interval '1 second'"
        : "DATEADD('SECOND', -" + num + ", CAST(? AS TIMESTAMP WITH TIME ZONE))";
    String expires = pg
        ? "CASE WHEN MOD(" + num + ", 20000) = 0 THEN ?::timestamptz + interval '3 days' ELSE ?::timestamptz "
            + "+ (60 + MOD(" + num + ", 300)) * interval '1 day' END"
        : "CASE WHEN MOD(" + num + ", 20000) = 0 THEN DATEADD('DAY', 3, CAST(? AS TIMESTAMP WITH TIME ZONE)) "
            + "ELSE DATEADD('DAY', 60 + MOD(" + num + ", 300), CAST(? AS TIMESTAMP WITH TIME ZONE)) END";
    String id = "LPAD(CAST(" + num + " AS VARCHAR(20)), 14, '0')";
    Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try (Connection c = pool.getConnection()) {
      for (int part = 0; part < 2; part++) {
        String idPrefix = part == 0 ? "'bk'" : "'rv'";
        String owner = part == 0 ? "CONCAT('owner', CAST(MOD(" + num + ", 1000) AS VARCHAR(10)))" : "'revoke-me'";
        String sql = "INSERT INTO " + prefix + "tokens (" + cols + ") SELECT CONCAT(" + idPrefix + ", " + id
            + "), 'tk', CONCAT('t', CAST(" + num + " AS VARCHAR(20))), NULL, " + owner + ", 'READONLY', 'ACTIVE', "
            + created + ", " + created + ", " + expires + ", '" + HASH + "', NULL, NULL, NULL, NULL, 0 FROM " + series;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (int i = 1; i <= 4; i++) {
            ps.setTimestamp(i, now);
          }
          ps.setInt(5, part == 0 ? tokens : revokeRows);
          ps.executeUpdate();
        }
      }
      if (pg) {
        try (Statement s = c.createStatement()) {
          s.execute("ANALYZE " + prefix + "tokens");
        }
      }
    }
  }

  private static void listAndExpiring(TokenService a) {
    Percentiles page = new Percentiles();
    Percentiles ownerPage = new Percentiles();
    Percentiles secondPage = new Percentiles();
    String cursor = null;
    for (int i = 0; i < 220; i++) {
      long s = System.nanoTime();
      Page<Token> p = a.list(TokenQuery.all().withLimit(50));
      long m = System.nanoTime();
      a.list(TokenQuery.all().withOwner("owner" + (i % 1000)).withLimit(50));
      long m2 = System.nanoTime();
      Page<Token> next = a.list(TokenQuery.all().withLimit(50).withCursor(p.nextCursor()));
      long e = System.nanoTime();
      if (i >= 20) { // warm-up
        page.add(m - s);
        ownerPage.add(m2 - m);
        secondPage.add(e - m2);
      }
      cursor = next.nextCursor();
    }
    System.out.println("list, page of 50, newest first:          " + page.summary() + (cursor == null ? "" : ""));
    System.out.println("list, second page of 50 (keyset cursor): " + secondPage.summary());
    System.out.println("list, page of 50 of one owner:           " + ownerPage.summary());
    Percentiles expiring = new Percentiles();
    int rows = 0;
    for (int i = 0; i < 60; i++) {
      long s = System.nanoTime();
      rows = a.expiringWithin(Duration.ofDays(7)).size();
      if (i >= 10) {
        expiring.add(System.nanoTime() - s);
      }
    }
    System.out.println("expiringWithin(7 days), " + rows + " rows:        " + expiring.summary());
  }

  private static void coldVerifyVsBareQuery(TokenService a, ChangeFeedTokenStore feedA, HikariDataSource pool,
      String prefix) throws SQLException {
    var issued = a.issue(Actor.of("bench"), IssueRequest.builder("cold", "cold-owner").role("READONLY").build());
    String raw = issued.secret().reveal();
    String id = issued.token().id();
    String bare = "SELECT id, token_prefix, name, description, owner, role_name, status, created_at, updated_at, "
        + "expires_at, secret_hash, previous_secret_hash, previous_secret_valid_until, last_used_at, last_used_ip, "
        + "version, signature_secret_id FROM " + prefix + "tokens WHERE id = ?";
    Percentiles cold = new Percentiles();
    Percentiles query = new Percentiles();
    for (int i = 0; i < 2500; i++) {
      long s = System.nanoTime();
      feedA.announceChange(id);
      AuthOutcome outcome = a.authenticate(raw, BenchServices.CONTEXT);
      long m = System.nanoTime();
      try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(bare)) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("bare query found no row");
          }
          for (int col = 1; col <= 17; col++) {
            rs.getObject(col);
          }
        }
      }
      long e = System.nanoTime();
      BenchServices.requireVerified(outcome);
      if (i >= 500) {
        cold.add(m - s);
        query.add(e - m);
      }
    }
    System.out.println("cold verify (cache miss, findById):      " + cold.summary());
    System.out.println("bare primary-key query, same pool:       " + query.summary());
    System.out.printf(Locale.ROOT, "cold verify / bare query (medians):      %.2fx%n",
        cold.percentile(50) / (double) query.percentile(50));
  }

  private static void revokeAll(TokenService a, TokenService b, AtomicInteger statements, int revoke)
      throws InterruptedException {
    List<String> raws = new ArrayList<>();
    for (int i = 0; i < REAL_REVOKED; i++) {
      raws.add(a.issue(Actor.of("bench"), IssueRequest.builder("real" + i, "revoke-me").role("READONLY").build())
          .secret().reveal());
    }
    for (String raw : raws) {
      BenchServices.requireVerified(b.authenticate(raw, BenchServices.CONTEXT)); // cached on node B
    }
    statements.set(0);
    long s = System.nanoTime();
    int revoked = a.revokeAll(Actor.of("bench"), "revoke-me");
    long done = System.nanoTime();
    int sql = statements.get();
    int pending = raws.size();
    while (pending > 0 && System.nanoTime() - done < Duration.ofSeconds(30).toNanos()) {
      pending = 0;
      for (String raw : raws) {
        AuthOutcome outcome = b.authenticate(raw, BenchServices.CONTEXT);
        if (outcome.isVerified() || outcome.reason() != FailureReason.REVOKED) {
          pending++;
        }
      }
      if (pending > 0) {
        Thread.sleep(1);
      }
    }
    long seen = System.nanoTime();
    System.out.printf(Locale.ROOT, "revokeAll: %,d tokens in %.1f ms, %d SQL statements (JDBC batch = 1)%n", revoked,
        (done - s) / 1e6, sql);
    System.out.printf(Locale.ROOT, "second node rejects all %d cached ones as REVOKED %.1f ms after the call%s%n",
        raws.size(), (seen - done) / 1e6, pending > 0 ? " (NOT within 30 s: " + pending + " still verify)" : "");
    if (revoked != revoke) {
      System.out.printf(Locale.ROOT, "WARNING: expected %d revoked, got %d%n", revoke, revoked);
    }
  }
}
