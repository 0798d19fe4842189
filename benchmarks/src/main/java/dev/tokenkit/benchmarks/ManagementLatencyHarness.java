package dev.tokenkit.benchmarks;

import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.benchmarks.support.Percentiles;
import dev.tokenkit.examples.ExampleOptions;
import dev.tokenkit.examples.ExampleServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (Issue 14, database path) Management calls through the example application over loopback: starts the real
 * example ({@link ExampleServer}, its filter, management servlet and store exactly as {@code main} builds them) on
 * the given database and a free port, gets an ADMIN token from its service, then runs rounds of five calls with
 * one keep-alive HTTP/1.1 client: issue ({@code POST /admin/api/tokens}), get, list a page of 50, disable and
 * revoke the new token. p50 / p99 per call and over all calls, after 50 warm-up rounds (fewer when
 * {@code --rounds} is small). Plain {@code main}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.ManagementLatencyHarness --db
 * jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres [--rounds 400]}; without {@code --db} the example's
 * default H2 file database in a temporary directory.
 */
public final class ManagementLatencyHarness {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9]+)\"");

  private ManagementLatencyHarness() {}

  /**
   * Runs the harness.
   *
   * @param args {@code [--db <jdbc-url>] [--rounds n]}
   * @throws Exception when the example cannot start or a call fails
   */
  public static void main(String[] args) throws Exception {
    String db = null;
    int rounds = 400;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--db" -> db = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --db <jdbc-url> --rounds n");
      }
    }
    ExampleOptions options = new ExampleOptions(0, db, false, Files.createTempDirectory("tokenkit-mgmt"), false);
    try (ExampleServer server = ExampleServer.start(options, new PrintStream(OutputStream.nullOutputStream()))) {
      String admin = server.tokens().issue(Actor.of("bench"),
          IssueRequest.builder("bench-admin-" + System.nanoTime(), "bench").role("ADMIN").build()).secret().reveal();
      String base = "http://127.0.0.1:" + server.port() + "/admin/api/tokens";
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      Map<String, Percentiles> byCall = new LinkedHashMap<>();
      for (String name : new String[] {"issue", "get", "list 50", "disable", "revoke"}) {
        byCall.put(name, new Percentiles());
      }
      Percentiles all = new Percentiles();
      String run = Long.toString(System.nanoTime(), 36);
      int warmUp = Math.min(50, Math.max(1, rounds / 4));
      for (int r = 0; r < rounds + warmUp; r++) {
        boolean measure = r >= warmUp;
        String body = "{\"name\":\"m" + run + "-" + r + "\",\"owner\":\"mgmt\",\"role\":\"READONLY\"}";
        String created = call(http, admin, "POST", base, body, 201, measure ? byCall.get("issue") : null, all, measure);
        Matcher m = ID.matcher(created);
        if (!m.find()) {
          throw new IllegalStateException("no id in the issue response");
        }
        String id = m.group(1);
        call(http, admin, "GET", base + "/" + id, null, 200, measure ? byCall.get("get") : null, all, measure);
        call(http, admin, "GET", base + "?limit=50", null, 200, measure ? byCall.get("list 50") : null, all, measure);
        call(http, admin, "POST", base + "/" + id + "/disable", "{}", 200, measure ? byCall.get("disable") : null, all,
            measure);
        call(http, admin, "POST", base + "/" + id + "/revoke", "{}", 200, measure ? byCall.get("revoke") : null, all,
            measure);
      }
      System.out.println("management calls through the example, store: " + (db == null ? "H2 file (default)" : "--db"));
      for (Map.Entry<String, Percentiles> e : byCall.entrySet()) {
        System.out.printf(Locale.ROOT, "  %-8s %s%n", e.getKey(), e.getValue().summary());
      }
      System.out.printf(Locale.ROOT, "  %-8s %s%n", "all", all.summary());
    }
  }

  private static String call(HttpClient http, String admin, String method, String url, String body, int expected,
      Percentiles one, Percentiles all, boolean measure) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + admin);
    if (body != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    long s = System.nanoTime();
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    long took = System.nanoTime() - s;
    if (response.statusCode() != expected && !(expected == 200 && response.statusCode() == 204)) {
      throw new IllegalStateException(method + " " + url.replaceAll("tokens/.*", "tokens/{id}") + " answered "
          + response.statusCode() + ", expected " + expected);
    }
    if (measure) {
      one.add(took);
      all.add(took);
    }
    return response.body();
  }
}
