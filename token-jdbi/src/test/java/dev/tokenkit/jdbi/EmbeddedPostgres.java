package dev.tokenkit.jdbi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension giving tests a real PostgreSQL server: {@code TOKENKIT_PG_URL} (a JDBC URL) if set, else a
 * throw-away server started with the local {@code initdb}/{@code pg_ctl} ({@code /usr/lib/postgresql/15/bin},
 * else any {@code /usr/lib/postgresql/<v>/bin}) on a free loopback port in a temporary directory, as the
 * {@code postgres} user when running as root. One server per test JVM, stopped at the end. When no server can be
 * had the tests are skipped with the reason, except with {@code CI=true}, where they fail.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedPostgres.class)
 * class SomeTest {
 *   @Test void works(EmbeddedPostgres.Server pg) { ... pg.dataSource() ... }
 * }
 * }</pre>
 */
public final class EmbeddedPostgres implements BeforeAllCallback, ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EmbeddedPostgres.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == Server.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return server(e);
  }

  private static Server server(ExtensionContext context) {
    Holder holder = context.getRoot().getStore(NS).getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class);
    if (holder.server == null) {
      unavailable(holder.failure, "true".equalsIgnoreCase(System.getenv("CI")));
    }
    return holder.server;
  }

  /** No server: fail on CI, otherwise skip loudly with the reason. Always throws. */
  static void unavailable(String why, boolean ci) {
    if (ci) {
      throw new IllegalStateException("CI=true and no PostgreSQL server for the token-jdbi tests: " + why
          + ". Install the Debian 'postgresql' package (the .ci/run script does) or set TOKENKIT_PG_URL");
    }
    System.err.println("*** SKIPPING PostgreSQL tests: " + why + " ***");
    Assumptions.abort("SKIPPED: no PostgreSQL server: " + why
        + ". Install PostgreSQL (apt-get install postgresql) or set TOKENKIT_PG_URL to a JDBC URL");
  }

  /** Holds the JVM-wide server; closed by JUnit when the root context closes. */
  private static final class Holder implements ExtensionContext.Store.CloseableResource {
    Server server;
    String failure;

    Holder() {
      String url = System.getenv("TOKENKIT_PG_URL");
      try {
        server = url != null && !url.isBlank() ? Server.external(url) : Server.local();
      } catch (Exception e) {
        failure = e.getMessage();
        LOG.warn("No PostgreSQL for tests: {}", failure);
      }
    }

    @Override
    public void close() {
      if (server != null) {
        server.destroy();
      }
    }
  }

  /** A running server: its JDBC URL, and stop/start for outage tests (local servers only). */
  public static final class Server {
    private final String url;
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private Server(String url, Path bin, Path dir, int port, boolean asPostgresUser) {
      this.url = url;
      this.bin = bin;
      this.dir = dir;
      this.port = port;
      this.asPostgresUser = asPostgresUser;
    }

    static Server external(String url) throws SQLException {
      try (Connection c = DriverManager.getConnection(url)) {
        c.isValid(5);
      }
      LOG.info("Using PostgreSQL from TOKENKIT_PG_URL");
      return new Server(url, null, null, -1, false);
    }

    static Server local() throws IOException, InterruptedException {
      Path bin = findBin();
      boolean root = "root".equals(System.getProperty("user.name"));
      Path dir = Files.createTempDirectory("tokenkit-pg-");
      if (root) {
        UserPrincipal pgUser = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
        Files.setOwner(dir, pgUser);
      }
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Server server = new Server("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres"
          + "&connectTimeout=5&socketTimeout=60&tcpKeepAlive=true", bin, dir, port, root);
      List<String> initdb = List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U",
          "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
      try {
        // a linguistic default collation (ICU en-US orders "a" before "B"), so tests prove that ordering by id
        // does not depend on the database collation
        List<String> icu = new ArrayList<>(initdb);
        icu.addAll(List.of("--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US"));
        server.run(icu);
      } catch (IllegalStateException e) {
        LOG.info("initdb without ICU ({})", e.getMessage());
        server.run(List.of("rm", "-rf", dir.resolve("data").toString()));
        server.run(initdb);
      }
      server.start();
      LOG.info("Started PostgreSQL ({}) on 127.0.0.1:{} in {}", bin, port, dir);
      return server;
    }

    private static Path findBin() {
      Path preferred = Path.of("/usr/lib/postgresql/15/bin");
      if (Files.isExecutable(preferred.resolve("pg_ctl"))) {
        return preferred;
      }
      Path root = Path.of("/usr/lib/postgresql");
      if (Files.isDirectory(root)) {
        try (Stream<Path> versions = Files.list(root)) {
          return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
              .max(Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException(
                  "no pg_ctl under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
          throw new IllegalStateException("cannot list /usr/lib/postgresql: " + e.getMessage());
        }
      }
      throw new IllegalStateException("PostgreSQL binaries not found in /usr/lib/postgresql/15/bin or "
          + "/usr/lib/postgresql/*/bin");
    }

    /** The JDBC URL (user and options included). */
    public String jdbcUrl() {
      return url;
    }

    /** A fresh non-pooled DataSource for the server (each handle opens its own connection). */
    public PGSimpleDataSource dataSource() {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url);
      return ds;
    }

    /** Whether this server can be stopped and started (false for TOKENKIT_PG_URL). */
    public boolean isControllable() {
      return dir != null;
    }

    /** Stops the server (fast shutdown: open connections are terminated). */
    public void stop() {
      requireControllable();
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
          "stop"));
    }

    /** Starts the server again on the same port and data. */
    public void start() {
      requireControllable();
      String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
          + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-o", options, "-l",
          dir.resolve("server.log").toString(), "-w", "-t", "60", "start"));
    }

    private void requireControllable() {
      Assumptions.assumeTrue(isControllable(), "this test stops and restarts PostgreSQL, which is not possible with "
          + "TOKENKIT_PG_URL; unset it to let the test start its own server");
    }

    void destroy() {
      if (!isControllable()) {
        return;
      }
      try {
        stop();
      } catch (RuntimeException e) {
        LOG.warn("Stopping PostgreSQL failed: {}", e.getMessage());
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.warn("Could not delete {}: {}", dir, e.getMessage());
      }
    }

    private void run(List<String> command) {
      List<String> full = new ArrayList<>();
      if (asPostgresUser) {
        full.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      full.addAll(command);
      try {
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", full) + " failed: " + out);
        }
      } catch (IOException e) {
        throw new IllegalStateException(String.join(" ", full) + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
