package dev.tokenkit.benchmarks;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.Percentiles;
import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.servlet.leaks.SecretScanningKeys;
import dev.tokenkit.servlet.leaks.SecretScanningServlet;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Issue 19: time from a GitHub secret scanning report to revocation on every node. Node A runs the
 * {@link SecretScanningServlet} in Jetty on loopback; node B is a second {@link TokenService} on its own
 * {@link JdbiTokenStore} over the same database, with the reported tokens verified (cached) before each report. For
 * each signed report of {@code --batch} live tokens this measures (1) POST to response: every token revoked and
 * audited on A, and (2) POST until node B refuses the last token of the report (the change feed: LISTEN/NOTIFY on
 * PostgreSQL, polling every {@code --poll} ms on H2).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.LeakRevocationHarness
 * [--db h2|jdbc:postgresql://...] [--reports 200] [--batch 1] [--poll 250]}.
 */
public final class LeakRevocationHarness {
  private LeakRevocationHarness() {}

  /**
   * Runs the harness.
   *
   * @param args see the class comment
   * @throws Exception when the database or the server fails
   */
  public static void main(String[] args) throws Exception {
    String db = "h2";
    int reports = 200;
    int batch = 1;
    long poll = 250;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--db" -> db = args[++i];
        case "--reports" -> reports = Integer.parseInt(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--poll" -> poll = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --db <jdbc-url|h2> --reports <n> --batch <n> --poll <ms>");
      }
    }
    String url = db.equals("h2") ? "jdbc:h2:mem:leaks;DB_CLOSE_DELAY=-1" : db;
    String prefix = "lk" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "_";
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair github = g.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(github.getPublic()
        .getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JdbiTokenStore storeA = JdbiTokenStore.builder(pool).tablePrefix(prefix).pollInterval(Duration.ofMillis(poll))
          .build();
      storeA.migrate();
      JdbiTokenStore storeB = JdbiTokenStore.builder(pool).tablePrefix(prefix).pollInterval(Duration.ofMillis(poll))
          .build();
      Server server = new Server();
      try (TokenService a = BenchServices.builder(storeA).build(); TokenService b = BenchServices.builder(storeB)
          .build()) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(SecretScanningServlet.builder(a)
            .keys(SecretScanningKeys.configured(Map.of("bench", pem))).build()), "/admin/api/leaks/github");
        server.setHandler(context);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/admin/api/leaks/github");
        System.out.printf(Locale.ROOT, "database: %s, change feed: %s, reports: %d of %d token(s)%n",
            db.equals("h2") ? "H2 (in memory)" : "PostgreSQL", storeB.usesListenNotify() ? "LISTEN/NOTIFY"
                : "polling every " + poll + " ms", reports, batch);
        run(a, b, github, endpoint, Math.max(reports / 10, 5), batch, null, null); // warm-up
        Percentiles onA = new Percentiles();
        Percentiles everywhere = new Percentiles();
        run(a, b, github, endpoint, reports, batch, onA, everywhere);
        System.out.println("report -> revoked on node A (HTTP response): " + onA.summary());
        System.out.println("report -> refused on node B (change feed):   " + everywhere.summary());
      } finally {
        server.stop();
        storeB.close();
        storeA.close();
      }
    }
  }

  private static void awaitVerified(TokenService b, String token, AuthContext ctx) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!b.authenticate(token, ctx).isVerified()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("node B does not accept a new token after 30 s");
      }
      Thread.sleep(5);
    }
  }

  private static void run(TokenService a, TokenService b, KeyPair github, URI endpoint, int reports, int batch,
      Percentiles onA, Percentiles everywhere) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    AuthContext ctx = AuthContext.of("203.0.113.7", "orders", AccessLevel.READ);
    for (int r = 0; r < reports; r++) {
      List<String> raw = new ArrayList<>();
      StringBuilder body = new StringBuilder("[");
      for (int i = 0; i < batch; i++) {
        IssuedToken t = a.issue(Actor.of("bench"), IssueRequest.builder("leak-" + r + "-" + i + "-" + System.nanoTime(),
            "bench").access(Map.of("orders", AccessLevel.FULL)).build());
        String s = t.secret().reveal();
        raw.add(s);
        body.append(i == 0 ? "" : ",").append("{\"token\":\"").append(s)
            .append("\",\"type\":\"tokenkit\",\"url\":\"https://github.com/o/r/blob/x/.env\",\"source\":\"content\"}");
      }
      for (String s : raw) {
        awaitVerified(b, s, ctx); // node B learns of the new ids through the change feed, then caches the tokens
      }
      byte[] bytes = body.append(']').toString().getBytes(StandardCharsets.UTF_8);
      Signature sig = Signature.getInstance("SHA256withECDSA");
      sig.initSign(github.getPrivate());
      sig.update(bytes);
      HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
          .header("Github-Public-Key-Identifier", "bench")
          .header("Github-Public-Key-Signature", Base64.getEncoder().encodeToString(sig.sign()))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long answered = System.nanoTime();
      if (response.statusCode() != 200 || response.body().contains("false_positive")) {
        throw new IllegalStateException("report refused: " + response.statusCode());
      }
      String last = raw.get(raw.size() - 1);
      while (b.authenticate(last, ctx).isVerified()) {
        Thread.onSpinWait();
        if (System.nanoTime() - start > 30_000_000_000L) {
          throw new IllegalStateException("node B still accepts a revoked token after 30 s");
        }
      }
      long refused = System.nanoTime();
      if (onA != null) {
        onA.add(answered - start);
        everywhere.add(refused - start);
      }
    }
  }
}
