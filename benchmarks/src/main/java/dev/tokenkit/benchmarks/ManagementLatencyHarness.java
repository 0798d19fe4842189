package dev.tokenkit.benchmarks;

import dev.tokenkit.examples.ExampleOptions;
import dev.tokenkit.examples.ExampleServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Management calls through the example application, timed from a client on loopback: the example (its Jetty, the
 * admin token check, the management servlet, TokenService, the JDBI store and its HikariCP pool) on PostgreSQL
 * ({@code --db}) or any other store the example takes ({@code --in-memory}, the default H2). Each round issues a
 * token and runs every management call once on it over one keep-alive HTTP/1.1 connection; after warm-up rounds
 * the latencies of the measured rounds give p50, p90 and p99 per call.
 *
 * <p>Not a JMH benchmark (it times whole HTTP exchanges against a database). Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.ManagementLatencyHarness --db
 * 'jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres' [--rounds 300] [--warmup 100]}. Bounded: rounds x 11
 * requests, all to the example on 127.0.0.1. Stateless; {@link #run} may be called from any thread.
 */
public final class ManagementLatencyHarness {
  private static final Pattern ADMIN_LINE = Pattern.compile("(?m)^ADMIN TOKEN: (\\S+)$");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([A-Za-z0-9]+)\"");

  private ManagementLatencyHarness() {}

  /**
   * Runs the harness and prints the table.
   *
   * @param args {@code --db <jdbc-url>} or {@code --in-memory} (default: H2 in a temporary data directory),
   *     {@code --rounds <n>} (default 300), {@code --warmup <n>} (default 100)
   * @throws Exception when the example cannot start or a call fails
   */
  public static void main(String[] args) throws Exception {
    List<String> exampleArgs = new ArrayList<>();
    int rounds = 300;
    int warmup = 100;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--db" -> {
          exampleArgs.add("--db");
          exampleArgs.add(value(args, ++i));
        }
        case "--in-memory" -> exampleArgs.add("--in-memory");
        case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --db <jdbc-url>, --in-memory, --rounds <n>, --warmup <n>");
      }
    }
    System.out.println(run(exampleArgs, warmup, rounds).describe());
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /**
   * Starts the example, runs warm-up and measured rounds, stops it.
   *
   * @param exampleArgs the example's store options ({@code --db url}, {@code --in-memory} or none for H2)
   * @param warmup rounds not measured, at least 0
   * @param rounds measured rounds, at least 1
   * @return the latencies per call
   * @throws Exception when the example cannot start or a call does not answer as expected
   */
  public static Result run(List<String> exampleArgs, int warmup, int rounds) throws Exception {
    if (warmup < 0 || rounds < 1) {
      throw new IllegalArgumentException("warmup must be >= 0 and rounds >= 1");
    }
    List<String> options = new ArrayList<>(exampleArgs);
    Path dataDir = null;
    if (!options.contains("--db") && !options.contains("--in-memory")) {
      dataDir = Files.createTempDirectory("tokenkit-mgmt-bench");
      options.addAll(List.of("--data-dir", dataDir.resolve("data").toString()));
    }
    options.addAll(List.of("--port", "0", "--reset-admin"));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try (ExampleServer app = ExampleServer.start(ExampleOptions.parse(options.toArray(String[]::new)),
        new PrintStream(console, true, StandardCharsets.UTF_8))) {
      Matcher admin = ADMIN_LINE.matcher(console.toString(StandardCharsets.UTF_8));
      if (!admin.find()) {
        throw new IllegalStateException("the example printed no ADMIN TOKEN line");
      }
      Client client = new Client(app.port(), admin.group(1));
      String run = Long.toString(System.nanoTime(), 36);
      Map<String, long[]> samples = new LinkedHashMap<>();
      for (int r = 0; r < warmup + rounds; r++) {
        round(client, run + "-" + r, r < warmup ? null : samples, r - warmup, rounds);
      }
      return new Result(describeStore(exampleArgs), rounds, samples);
    } finally {
      if (dataDir != null) {
        deleteRecursively(dataDir);
      }
    }
  }

  /** One token's life through every management call; records the latencies when {@code samples} is given. */
  private static void round(Client c, String name, Map<String, long[]> samples, int index, int rounds)
      throws IOException, InterruptedException {
    String body = "{\"name\":\"" + name + "\",\"owner\":\"bench\",\"role\":\"READONLY\",\"expiration\":{\"months\":3}}";
    String created = c.call("POST /admin/api/tokens", "POST", "/admin/api/tokens", body, 201, samples, index, rounds);
    Matcher m = ID.matcher(created);
    if (!m.find()) {
      throw new IllegalStateException("no token id in the create response");
    }
    String t = "/admin/api/tokens/" + m.group(1);
    c.call("GET /admin/api/tokens/{id}", "GET", t, null, 200, samples, index, rounds);
    c.call("GET /admin/api/tokens?owner=&limit=20", "GET", "/admin/api/tokens?owner=bench&limit=20", null, 200,
        samples, index, rounds);
    c.call("PATCH /admin/api/tokens/{id}", "PATCH", t, "{\"description\":\"round " + index + "\"}", 200, samples,
        index, rounds);
    c.call("POST .../rotate", "POST", t + "/rotate", "{}", 200, samples, index, rounds);
    c.call("POST .../regenerate", "POST", t + "/regenerate", "{}", 200, samples, index, rounds);
    c.call("POST .../disable", "POST", t + "/disable", "{}", 200, samples, index, rounds);
    c.call("POST .../enable", "POST", t + "/enable", "{}", 200, samples, index, rounds);
    c.call("GET /admin/api/audit?tokenId=", "GET", "/admin/api/audit?tokenId=" + m.group(1), null, 200, samples,
        index, rounds);
    c.call("POST .../revoke", "POST", t + "/revoke", "{}", 200, samples, index, rounds);
    c.call("DELETE /admin/api/tokens/{id}", "DELETE", t, null, 204, samples, index, rounds);
  }

  private static String describeStore(List<String> exampleArgs) {
    int db = exampleArgs.indexOf("--db");
    if (db >= 0) {
      String url = exampleArgs.get(db + 1);
      int q = url.indexOf('?');
      return q < 0 ? url : url.substring(0, q);
    }
    return exampleArgs.contains("--in-memory") ? "in memory" : "H2 (the example's default store)";
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** An HTTP/1.1 client on one keep-alive connection to the example, with the admin token. */
  private static final class Client {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    Client(int port, String adminToken) {
      this.base = "http://127.0.0.1:" + port;
      this.authorization = "Bearer " + adminToken;
    }

    String call(String label, String method, String path, String body, int expected, Map<String, long[]> samples,
        int index, int rounds) throws IOException, InterruptedException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", authorization);
      if (body == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
      }
      HttpRequest request = b.build();
      long start = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long nanos = System.nanoTime() - start;
      if (response.statusCode() != expected) {
        throw new IllegalStateException(label + " answered " + response.statusCode() + ", expected " + expected);
      }
      if (samples != null) {
        samples.computeIfAbsent(label, k -> new long[rounds])[index] = nanos;
      }
      return response.body();
    }
  }

  /**
   * Latencies per management call.
   *
   * @param store the store the example ran on (no credentials)
   * @param rounds measured rounds (samples per call)
   * @param samples call label to latencies in nanoseconds, in round order
   */
  public record Result(String store, int rounds, Map<String, long[]> samples) {

    /**
     * A percentile of one call's latencies.
     *
     * @param call the call's label
     * @param percentile 0 to 100
     * @return the latency in milliseconds
     */
    public double percentileMillis(String call, double percentile) {
      long[] sorted = samples.get(call).clone();
      Arrays.sort(sorted);
      int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /**
     * The highest p50 of all calls.
     *
     * @return milliseconds
     */
    public double worstMedianMillis() {
      return samples.keySet().stream().mapToDouble(c -> percentileMillis(c, 50)).max().orElse(Double.NaN);
    }

    /**
     * A Markdown table: one row per call with p50, p90 and p99 in milliseconds.
     *
     * @return the table, with the store, the round count and the load average
     */
    public String describe() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "Management calls through the example on %s, %d rounds, load average %s%n%n"
              + "| call | p50 ms | p90 ms | p99 ms |%n|---|---|---|---|%n", store, rounds, loadAverage()));
      for (String call : samples.keySet()) {
        out.append(String.format(Locale.ROOT, "| `%s` | %.2f | %.2f | %.2f |%n", call, percentileMillis(call, 50),
            percentileMillis(call, 90), percentileMillis(call, 99)));
      }
      return out.append(String.format(Locale.ROOT, "%nworst p50: %.2f ms%n", worstMedianMillis())).toString();
    }

    private static String loadAverage() {
      try {
        return Files.readString(Path.of("/proc/loadavg")).trim();
      } catch (IOException | RuntimeException e) {
        return "unknown";
      }
    }
  }
}
