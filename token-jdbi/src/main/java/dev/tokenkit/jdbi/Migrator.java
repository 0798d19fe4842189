package dev.tokenkit.jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in migration runner: applies the versioned scripts in {@value #LOCATION} that are not yet recorded in
 * the prefix's {@code schema_history} table, each in a transaction. On PostgreSQL an advisory lock makes
 * concurrent runs from several nodes safe; the scripts themselves are idempotent.
 */
final class Migrator {
  static final String LOCATION = "db/tokenkit";
  /** The migrations shipped in the jar, in order. Add new ones here and as files. */
  static final List<String> SCRIPTS = List.of("V1__tokenkit_schema.sql", "V2__shared_secrets.sql",
      "V3__tokenkit_perf_indexes.sql", "V4__leaks_canaries_api_usage.sql", "V5__usage_controls.sql");

  private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

  private final Db db;
  private final Clock clock;

  Migrator(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Applies pending migrations; returns the versions applied by this call. On PostgreSQL concurrent runs are
   * serialised by an advisory lock. Other databases have none, so when a run fails while another instance is
   * applying the same scripts, this one waits (up to {@link #CONCURRENT_RUN_WAIT}) for the other to record them.
   */
  List<Integer> migrate() {
    try {
      return migrateOnce();
    } catch (RuntimeException e) {
      long deadline = System.nanoTime() + CONCURRENT_RUN_WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        if (allApplied()) {
          LOG.info("TokenKit migrations were applied by another instance meanwhile (table prefix '{}')",
              db.tables.prefix);
          return List.of();
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      throw e;
    }
  }

  /** How long a failed run waits for a concurrent one to finish. */
  static final java.time.Duration CONCURRENT_RUN_WAIT = java.time.Duration.ofSeconds(10);

  private boolean allApplied() {
    try {
      List<Integer> applied = db.call("read the migration history", h ->
          h.createQuery("SELECT version FROM " + db.tables.history).mapTo(Integer.class).list());
      return SCRIPTS.stream().allMatch(s -> applied.contains(versionOf(s)));
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  private List<Integer> migrateOnce() {
    TableNames t = db.tables;
    return db.call("migrate the schema", h -> {
      return h.inTransaction(tx -> {
        if (db.dialect() == Dialect.POSTGRESQL) {
          // serialises concurrent runs (even CREATE TABLE IF NOT EXISTS races on PostgreSQL); DDL is transactional
          tx.createQuery("SELECT pg_advisory_xact_lock(:key)").bind("key", (long) ("tokenkit:" + t.prefix).hashCode())
              .mapTo(String.class).list();
        }
        tx.execute("CREATE TABLE IF NOT EXISTS " + t.history + " (version INTEGER NOT NULL, "
            + "script VARCHAR(200) NOT NULL, applied_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, "
            + "CONSTRAINT " + t.history + "_pk PRIMARY KEY (version))");
        Set<Integer> applied = new TreeSet<>(tx.createQuery("SELECT version FROM " + t.history).mapTo(Integer.class).list());
        List<Integer> now = new ArrayList<>();
        for (String script : SCRIPTS) {
          int version = versionOf(script);
          if (applied.contains(version)) {
            continue;
          }
          for (String statement : statements(load(script), t.prefix)) {
            tx.execute(statement);
          }
          tx.createUpdate("INSERT INTO " + t.history + " (version, script, applied_at) VALUES (:v, :s, :at)")
              .bind("v", version).bind("s", script).bind("at", Timestamps.of(clock.instant())).execute();
          LOG.info("Applied TokenKit migration {} (table prefix '{}')", script, t.prefix);
          now.add(version);
        }
        return now;
      });
    });
  }

  static int versionOf(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  static String load(String script) {
    String path = LOCATION + "/" + script;
    try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Migration " + path + " is missing from the classpath; the token-jdbi jar is "
            + "incomplete, rebuild or re-download it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read migration " + path, e);
    }
  }

  /** Splits a script into statements: drops comment lines, splits at ';' ending a line, substitutes the prefix. */
  static List<String> statements(String script, String prefix) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().trim();
        out.add(sql.substring(0, sql.length() - 1).replace("${tablePrefix}", prefix));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().trim().replace("${tablePrefix}", prefix));
    }
    return out;
  }
}
