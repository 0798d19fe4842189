package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.Nodes.auth;
import static dev.tokenkit.jdbi.Nodes.issue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.AuthContext;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.TokenService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Last-use times are written behind, batched: at most one UPDATE per token per flush interval. A PostgreSQL
 * trigger counts every row update of the tokens table, so the test counts real writes.
 */
@ExtendWith(EmbeddedPostgres.class)
class LastUseWritesTest {
  private static EmbeddedPostgres.Server pg;
  private String prefix;
  private JdbiTokenStore store;

  @BeforeAll
  static void server(EmbeddedPostgres.Server server) {
    pg = server;
  }

  @BeforeEach
  void schemaWithWriteCounter() throws SQLException {
    prefix = TestDatabases.newPrefix();
    store = TestDatabases.migrated(JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix));
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + prefix + "row_writes (token_id VARCHAR(64), last_used_at TIMESTAMPTZ)");
      s.execute("CREATE FUNCTION " + prefix + "count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
          + "INSERT INTO " + prefix + "row_writes VALUES (NEW.id, NEW.last_used_at); RETURN NEW; END $$");
      s.execute("CREATE TRIGGER " + prefix + "count_writes AFTER UPDATE ON " + prefix + "tokens FOR EACH ROW "
          + "EXECUTE FUNCTION " + prefix + "count_write()");
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  private int writes() throws SQLException {
    try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + prefix + "row_writes")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void manyUsesOfSeveralTokensCostOneUpdatePerTokenPerFlush() throws Exception {
    TokenService node = TokenService.builder().store(store).lastUseFlushInterval(Duration.ofHours(1)).build();
    try {
      List<IssuedToken> tokens = List.of(issue(node, "one"), issue(node, "two"), issue(node, "three"));
      int before = writes();
      for (int i = 0; i < 300; i++) {
        for (IssuedToken t : tokens) {
          assertThat(node.authenticate(t.secret().reveal(),
              AuthContext.of("203.0.113." + (i % 200), "orders", AccessLevel.READ)).isVerified()).isTrue();
        }
      }

      assertThat(node.flushLastUse()).isEqualTo(3);
      assertThat(writes() - before).as("900 uses, 3 tokens: 3 row writes").isEqualTo(3);
      assertThat(node.flushLastUse()).isZero();
      assertThat(writes() - before).isEqualTo(3);
      for (IssuedToken t : tokens) {
        assertThat(node.get(t.token().id()).lastUsedAt()).isNotNull();
        assertThat(store.findById(t.token().id()).orElseThrow().token().lastUsedIp()).isEqualTo("203.0.113.99");
        assertThat(store.findById(t.token().id()).orElseThrow().version()).isZero();
      }
    } finally {
      node.close();
    }
  }

  @Test
  void theBackgroundFlushWritesAtMostOncePerTokenPerInterval() throws Exception {
    Duration interval = Duration.ofMillis(300);
    TokenService node = TokenService.builder().store(store).lastUseFlushInterval(interval).build();
    IssuedToken t;
    long elapsedMs;
    int before;
    try {
      t = issue(node, "busy");
      before = writes();
      long start = System.nanoTime();
      while (System.nanoTime() - start < Duration.ofMillis(2_000).toNanos()) {
        assertThat(auth(node, t).isVerified()).isTrue();
        Thread.sleep(1);
      }
      elapsedMs = (System.nanoTime() - start) / 1_000_000;
    } finally {
      node.close(); // flushes the rest
    }
    int writes = writes() - before;
    long maxWrites = elapsedMs / interval.toMillis() + 2; // one per elapsed interval, plus the final flush on close
    assertThat(writes).as("writes for one token used continuously for " + elapsedMs + " ms").isBetween(2, (int) maxWrites);
  }

  @Test
  void anOlderUseFlushedByASlowerNodeDoesNotMoveLastUseBackwards() throws Exception {
    TokenService nodeA = TokenService.builder().store(store).lastUseFlushInterval(Duration.ofHours(1)).build();
    JdbiTokenStore storeB = JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix).build();
    TokenService nodeB = TokenService.builder().store(storeB).lastUseFlushInterval(Duration.ofHours(1)).build();
    try {
      IssuedToken t = issue(nodeA, "shared");
      assertThat(auth(nodeB, t).isVerified()).isTrue(); // older use on B
      Thread.sleep(5);
      assertThat(nodeA.authenticate(t.secret().reveal(), AuthContext.of("198.51.100.9", "orders", AccessLevel.READ))
          .isVerified()).isTrue();
      int before = writes();
      nodeA.flushLastUse();
      nodeB.flushLastUse();
      assertThat(writes() - before).as("B's older time is not written").isEqualTo(1);
      assertThat(store.findById(t.token().id()).orElseThrow().token().lastUsedIp()).isEqualTo("198.51.100.9");
    } finally {
      nodeA.close();
      nodeB.close();
      storeB.close();
    }
  }
}
