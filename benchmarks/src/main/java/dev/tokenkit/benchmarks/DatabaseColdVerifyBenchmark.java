package dev.tokenkit.benchmarks;

import dev.tokenkit.Actor;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.ChangeFeedTokenStore;
import dev.tokenkit.jdbi.JdbiTokenStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (3) Cold verification with the default hasher (SHA-256) on a SQL store: the JDBI store on embedded, in-memory
 * H2 ({@code db=h2}, the default), or on PostgreSQL ({@code -p db=postgresql}, with the JDBC URL in the system
 * property {@code tokenkit.bench.pgUrl}, e.g. {@code -jvmArgsAppend
 * -Dtokenkit.bench.pgUrl=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}). Every operation misses the
 * cache the same way as {@link ColdVerifyBenchmark} (a change announced on the change feed), so it pays one
 * {@code findById} query on a pooled connection (HikariCP, 4 connections, as in production), the hash check and
 * the cache fill. Tables get a per-run prefix.
 *
 * <p>Issue 14: connections come from a HikariCP pool (4 connections), and {@link #barePrimaryKeyQuery()} is the
 * reference: the same token row read by primary key with plain JDBC on a connection of the same pool (borrow,
 * prepare, execute, read all 17 columns, return). Target: {@code coldVerify} ≤ 1.2× {@code barePrimaryKeyQuery}.
 *
 * <p>JMH state, one instance per trial. Run alone with {@code java -jar benchmarks/target/benchmarks.jar
 * DatabaseColdVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DatabaseColdVerifyBenchmark {
  /** The system property holding the PostgreSQL JDBC URL. */
  public static final String PG_URL_PROPERTY = "tokenkit.bench.pgUrl";

  /** The database: {@code h2} or {@code postgresql}. */
  @Param({"h2"})
  public String db;

  private HikariDataSource pool;
  private String bareQuery;
  private ChangeFeedTokenStore store;
  private TokenService service;
  private String token;
  private String tokenId;

  /** Creates the schema, issues one READONLY token and checks it verifies. */
  @Setup
  public void setUp() throws SQLException {
    String url = switch (db) {
      case "h2" -> "jdbc:h2:mem:tokenkit_bench;DB_CLOSE_DELAY=-1";
      case "postgresql" -> {
        String u = System.getProperty(PG_URL_PROPERTY);
        if (u == null || u.isBlank()) {
          throw new IllegalStateException("db=postgresql needs -jvmArgsAppend -D" + PG_URL_PROPERTY
              + "=jdbc:postgresql://host:port/database?user=...&password=...");
        }
        yield u;
      }
      default -> throw new IllegalArgumentException("unknown db " + db + "; use h2 or postgresql");
    };
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(4);
    config.setPoolName("tokenkit-bench");
    pool = new HikariDataSource(config);
    String prefix = "bench" + Long.toString(System.nanoTime() & 0xffffff, 36) + "_";
    bareQuery = "SELECT id, token_prefix, name, description, owner, role_name, status, created_at, updated_at, "
        + "expires_at, secret_hash, previous_secret_hash, previous_secret_valid_until, last_used_at, last_used_ip, "
        + "version, signature_secret_id FROM " + prefix + "tokens WHERE id = ?";
    JdbiTokenStore jdbc = JdbiTokenStore.builder(pool).tablePrefix(prefix).build();
    jdbc.migrate();
    store = new ChangeFeedTokenStore(jdbc);
    service = BenchServices.builder(store).build();
    var issued = service.issue(Actor.of("bench"), IssueRequest.builder("bench", "alice").role("READONLY").build());
    token = issued.secret().reveal();
    tokenId = issued.token().id();
    BenchServices.requireVerified(coldVerify());
    if (barePrimaryKeyQuery() == 0) {
      throw new IllegalStateException("the bare query found no row");
    }
  }

  /** Stops the service and closes the store and the pool. */
  @TearDown
  public void tearDown() {
    service.close();
    store.close();
    pool.close();
  }

  /**
   * One verification that misses the cache and reads the database.
   *
   * @return the outcome (consumed by JMH)
   */
  @Benchmark
  public AuthOutcome coldVerify() {
    store.announceChange(tokenId);
    return service.authenticate(token, BenchServices.CONTEXT);
  }

  /**
   * The reference: the token row by primary key, plain JDBC on a connection of the same pool.
   *
   * @return the row's version plus one (consumed by JMH; 0 when no row)
   * @throws SQLException when the query fails
   */
  @Benchmark
  public long barePrimaryKeyQuery() throws SQLException {
    try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(bareQuery)) {
      ps.setString(1, tokenId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return 0;
        }
        for (int col = 1; col < 16; col++) {
          rs.getObject(col);
        }
        return rs.getLong(16) + 1;
      }
    }
  }
}
