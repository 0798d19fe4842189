package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.StoredTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The migration scripts in the jar and the built-in, idempotent migrate(). */
@ExtendWith(EmbeddedPostgres.class)
class MigrationTest {
  /** Every shipped version, in order. */
  static final List<Integer> ALL = Migrator.SCRIPTS.stream().map(Migrator::versionOf).toList();


  @Test
  void migrationScriptIsOnTheClasspathInFlywayNamingWithThePrefixPlaceholder() throws Exception {
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream(JdbiTokenStore.MIGRATIONS_LOCATION + "/V1__tokenkit_schema.sql")) {
      assertThat(in).isNotNull();
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(sql).contains("${tablePrefix}tokens", "${tablePrefix}token_grants", "${tablePrefix}token_ip_ranges",
          "${tablePrefix}audit_events").doesNotContainIgnoringCase("OFFSET");
    }
  }

  @Test
  void migrateOnH2IsIdempotentAndRecordsTheVersion() throws Exception {
    DataSource ds = TestDatabases.newH2();
    JdbiTokenStore store = JdbiTokenStore.builder(ds).build();
    assertThat(store.migrate()).containsExactlyElementsOf(ALL);
    assertThat(store.migrate()).isEmpty();
    assertThat(JdbiTokenStore.builder(ds).build().migrate()).isEmpty();
    assertThat(historyVersions(ds, "tokenkit_")).containsExactlyElementsOf(ALL);
    store.insert(token("id1", "alice", "ci"));
    assertThat(store.findById("id1")).isPresent();
  }

  @Test
  void concurrentMigrationsFromSeveralNodesOnPostgresApplyOnce(EmbeddedPostgres.Server pg) throws Exception {
    String prefix = TestDatabases.newPrefix();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Integer>>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Callable<List<Integer>> run = () -> JdbiTokenStore.builder(pg.dataSource()).tablePrefix(prefix).build().migrate();
        runs.add(pool.submit(run));
      }
      List<Integer> applied = new ArrayList<>();
      for (Future<List<Integer>> f : runs) {
        applied.addAll(f.get());
      }
      assertThat(applied).containsExactlyInAnyOrderElementsOf(ALL);
    } finally {
      pool.shutdownNow();
    }
    assertThat(historyVersions(pg.dataSource(), prefix)).containsExactlyElementsOf(ALL);
  }

  @Test
  void aVersion1DatabaseUpgradesToSharedSecretsKeepingItsTokens(EmbeddedPostgres.Server pg) {
    for (DataSource ds : List.of(TestDatabases.newH2(), pg.dataSource())) {
      String prefix = TestDatabases.newPrefix();
      org.jdbi.v3.core.Jdbi.create(ds).useHandle(h -> {
        h.execute("CREATE TABLE " + prefix + "schema_history (version INTEGER NOT NULL, script VARCHAR(200) NOT NULL, "
            + "applied_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT " + prefix + "schema_history_pk PRIMARY KEY "
            + "(version))");
        for (String statement : Migrator.statements(Migrator.load("V1__tokenkit_schema.sql"), prefix)) {
          h.execute(statement);
        }
        h.execute("INSERT INTO " + prefix + "schema_history VALUES (1, 'V1__tokenkit_schema.sql', CURRENT_TIMESTAMP)");
        h.execute("INSERT INTO " + prefix + "tokens (id, token_prefix, name, owner, status, created_at, updated_at, "
            + "secret_hash, version) VALUES ('id1', 'tk', 'ci', 'alice', 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
            + "'$sha256$x', 0)");
      });
      JdbiTokenStore store = JdbiTokenStore.builder(ds).tablePrefix(prefix).build();
      assertThat(store.migrate()).containsExactlyElementsOf(ALL.subList(1, ALL.size()));
      assertThat(store.findById("id1").orElseThrow().token().signatureSecretId()).isNull();
      assertThat(store.findById("id1").orElseThrow().token().canary()).as("V4: existing tokens are no canaries")
          .isFalse();
      assertThat(store.findById("id1")).isPresent();
      assertThat(store.sharedSecrets().orElseThrow().listSharedSecrets()).isEmpty();
      store.close();
    }
  }

  @Test
  void prefixesKeepStoresApartInOneDatabase() {
    DataSource ds = TestDatabases.newH2();
    JdbiTokenStore one = TestDatabases.migrated(JdbiTokenStore.builder(ds).tablePrefix("one_"));
    JdbiTokenStore two = TestDatabases.migrated(JdbiTokenStore.builder(ds).tablePrefix("two_"));
    one.insert(token("id1", "alice", "ci"));
    assertThat(two.findById("id1")).isEmpty();
    two.insert(token("id1", "alice", "ci"));
    assertThat(one.findById("id1")).isPresent();
  }

  @Test
  void emptyPrefixIsAllowed() {
    JdbiTokenStore store = TestDatabases.migrated(JdbiTokenStore.builder(TestDatabases.newH2()).tablePrefix(""));
    store.insert(token("id1", "alice", "ci"));
    assertThat(store.findById("id1")).isPresent();
  }

  @Test
  void prefixMustBeASafeLowercaseIdentifier() {
    for (String bad : List.of("Tokens_", "1abc", "a-b", "a;drop table x;", "a b", "abcdefghijklmnopqrstuvwxyzabcde")) {
      assertThatThrownBy(() -> JdbiTokenStore.builder(TestDatabases.newH2()).tablePrefix(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase letter");
    }
  }

  @Test
  void usingTheStoreBeforeMigratingSaysHowToFixIt() {
    JdbiTokenStore store = JdbiTokenStore.builder(TestDatabases.newH2()).build();
    assertThatThrownBy(() -> store.findById("x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("migrate()").hasMessageContaining("classpath:db/tokenkit");
  }

  @Test
  void statementSplitterSubstitutesThePrefixAndDropsComments() {
    List<String> statements = Migrator.statements("-- c\nCREATE TABLE ${tablePrefix}a (x INT);\n\nINSERT INTO "
        + "${tablePrefix}a\n  SELECT 1;\n", "p_");
    assertThat(statements).containsExactly("CREATE TABLE p_a (x INT)", "INSERT INTO p_a\n  SELECT 1");
  }

  private static List<Integer> historyVersions(DataSource ds, String prefix) throws Exception {
    List<Integer> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + prefix + "schema_history ORDER BY version")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }
}
