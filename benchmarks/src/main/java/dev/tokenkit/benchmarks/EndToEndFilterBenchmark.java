package dev.tokenkit.benchmarks;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.benchmarks.support.WrkResult;
import dev.tokenkit.examples.ExampleOptions;
import dev.tokenkit.examples.ExampleServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * End to end: {@code wrk} against the example application's Jetty ({@code GET /api/orders} behind
 * {@code TokenAuthFilter}) and against the same orders servlet on a second Jetty without the filter, in one JVM,
 * alternately, several rounds; prints requests/s and p99 of each and the ratio filtered / bare.
 *
 * <p>Not a JMH benchmark and never run by the build. Run it with
 * {@code java -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.EndToEndFilterBenchmark [options]};
 * see {@link #USAGE}. Both servers listen on loopback traffic only ({@code 127.0.0.1}); the harness stops both and
 * exits by itself. Needs {@code wrk} (Debian package {@code wrk}); {@code --pin} also needs {@code taskset}
 * (util-linux). Not thread-safe; meant to be run once per JVM.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.EndToEndFilterBenchmark --pin
 * }</pre>
 */
public final class EndToEndFilterBenchmark {
  /** Command-line help. */
  public static final String USAGE = String.join(System.lineSeparator(),
      "Usage: EndToEndFilterBenchmark [options]",
      "  --rounds <n>        measured rounds, each one bare + one filtered run (default 3)",
      "  --duration <secs>   seconds per measured wrk run (default 20)",
      "  --warmup <secs>     seconds of the warm-up run against each server, not reported (default 10)",
      "  --threads <n>       wrk threads (default 2)",
      "  --connections <n>   wrk connections (default 32)",
      "  --pin               pin this JVM to CPU 0 and wrk to CPU 1 with taskset (needs 2+ CPUs)",
      "  --wrk <path>        the wrk binary (default: wrk on the PATH)");

  private static final Actor ACTOR = Actor.of("end-to-end-benchmark");
  private static final String PATH = "/api/orders";

  private EndToEndFilterBenchmark() {}

  /**
   * Runs the benchmark and prints the results.
   *
   * @param args see {@link #USAGE}
   * @throws Exception when a server cannot start or a wrk run fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = 3;
    int duration = 20;
    int warmup = 10;
    int threads = 2;
    int connections = 32;
    boolean pin = false;
    String wrk = "wrk";
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--rounds" -> rounds = Integer.parseInt(args[++i]);
          case "--duration" -> duration = Integer.parseInt(args[++i]);
          case "--warmup" -> warmup = Integer.parseInt(args[++i]);
          case "--threads" -> threads = Integer.parseInt(args[++i]);
          case "--connections" -> connections = Integer.parseInt(args[++i]);
          case "--pin" -> pin = true;
          case "--wrk" -> wrk = args[++i];
          case "--help" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (RuntimeException e) { // unknown option, missing or non-numeric value
      System.err.println("Error: " + e.getMessage() + " (see the usage below)");
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (rounds < 1 || duration < 1 || warmup < 1 || threads < 1 || connections < threads) {
      System.err.println("Error: rounds, duration, warmup and threads must be at least 1, and connections at "
          + "least threads");
      System.exit(2);
    }
    String wrkPath = findExecutable(wrk);
    if (wrkPath == null) {
      System.err.println("wrk not found (looked for '" + wrk + "'" + (wrk.contains("/") ? "" : " on the PATH")
          + "). Install it with "
          + "'apt-get install -y wrk' (Debian package wrk) or pass --wrk /path/to/wrk.");
      System.exit(2);
    }
    List<String> wrkPrefix = new ArrayList<>();
    if (pin) {
      String taskset = findExecutable("taskset");
      if (taskset == null || Runtime.getRuntime().availableProcessors() < 2) {
        System.err.println("--pin needs taskset (Debian package util-linux) and at least 2 CPUs; run without --pin.");
        System.exit(2);
      }
      // all current threads of this JVM to CPU 0; threads started later (Jetty's) inherit the mask
      run(List.of(taskset, "-a", "-p", "-c", "0", Long.toString(ProcessHandle.current().pid())));
      wrkPrefix.addAll(List.of(taskset, "-c", "1"));
    }
    int code = 0;
    try {
      measure(wrkPath, wrkPrefix, rounds, duration, warmup, threads, connections, pin);
    } catch (Exception e) {
      e.printStackTrace();
      code = 1;
    }
    System.exit(code); // stop whatever daemon or pool thread might linger
  }

  private static void measure(String wrk, List<String> prefix, int rounds, int duration, int warmup, int threads,
      int connections, boolean pin) throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream(); // swallows the example's admin token line
    try (ExampleServer filtered = ExampleServer.start(ExampleOptions.parse("--in-memory", "--port", "0"),
        new PrintStream(console, true, StandardCharsets.UTF_8));
         BareServer bare = BareServer.start()) {
      String token = filtered.tokens().issue(ACTOR, IssueRequest.builder("e2e-benchmark", "benchmarks")
          .access(Map.of("orders", AccessLevel.READ)).build()).secret().reveal();
      String filteredUrl = "http://127.0.0.1:" + filtered.port() + PATH;
      String bareUrl = "http://127.0.0.1:" + bare.port() + PATH;
      sanityCheck(filteredUrl, bareUrl, token);

      System.out.printf(Locale.ROOT, "EndToEndFilterBenchmark  %s  JDK %s  CPUs %d  pinned: %s%n", Instant.now(),
          Runtime.version(), Runtime.getRuntime().availableProcessors(),
          pin ? "JVM on CPU 0, wrk on CPU 1" : "no");
      System.out.printf(Locale.ROOT, "wrk -t%d -c%d -d%ds --latency -H 'Authorization: Bearer <token>' <url>%n",
          threads, connections, duration);
      System.out.println("filtered: " + filteredUrl + "  (example app, TokenAuthFilter on /*, token READ on orders)");
      System.out.println("bare:     " + bareUrl + "  (same OrdersServlet, no filter; the same header is sent)");
      System.out.println("load average before: " + loadAverage());

      Wrk runner = new Wrk(wrk, prefix, threads, connections, token);
      runner.run(bareUrl, warmup);
      runner.run(filteredUrl, warmup);

      List<WrkResult> bareResults = new ArrayList<>();
      List<WrkResult> filteredResults = new ArrayList<>();
      List<Double> bareCpu = new ArrayList<>();
      List<Double> filteredCpu = new ArrayList<>();
      System.out.println();
      System.out.println("| round | server | req/s | p50 (ms) | p99 (ms) | requests | server CPU us/req |");
      System.out.println("|---:|---|---:|---:|---:|---:|---:|");
      for (int r = 1; r <= rounds; r++) {
        boolean bareFirst = r % 2 == 1; // alternate the order so drift in machine load does not favour one side
        for (int k = 0; k < 2; k++) {
          boolean isBare = bareFirst == (k == 0);
          long cpuBefore = processCpuNanos();
          WrkResult res = runner.run(isBare ? bareUrl : filteredUrl, duration);
          double cpuPerRequest = (processCpuNanos() - cpuBefore) / 1000.0 / res.requests();
          (isBare ? bareResults : filteredResults).add(res);
          (isBare ? bareCpu : filteredCpu).add(cpuPerRequest);
          System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %.2f | %.2f | %,d | %.1f |%n", r,
              isBare ? "bare" : "filtered", res.requestsPerSecond(), res.p50Micros() / 1000, res.p99Micros() / 1000,
              res.requests(), cpuPerRequest);
        }
      }
      System.out.println();
      for (int r = 0; r < rounds; r++) {
        System.out.printf(Locale.ROOT, "round %d: filtered/bare throughput %.3f%n", r + 1,
            filteredResults.get(r).requestsPerSecond() / bareResults.get(r).requestsPerSecond());
      }
      double bareRps = mean(bareResults, WrkResult::requestsPerSecond);
      double filteredRps = mean(filteredResults, WrkResult::requestsPerSecond);
      double ratio = filteredRps / bareRps;
      System.out.printf(Locale.ROOT, "mean req/s: bare %,.0f  filtered %,.0f  ratio filtered/bare %.3f "
          + "(filter costs %.1f %% of bare throughput; issue 14 target ratio >= 0.96: %s)%n", bareRps, filteredRps,
          ratio, (1 - ratio) * 100, ratio >= 0.96 ? "met" : "missed");
      System.out.printf(Locale.ROOT, "mean p99 (ms): bare %.2f  filtered %.2f%n",
          mean(bareResults, WrkResult::p99Micros) / 1000, mean(filteredResults, WrkResult::p99Micros) / 1000);
      double bareCpuMean = bareCpu.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double filteredCpuMean = filteredCpu.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      System.out.printf(Locale.ROOT, "mean server CPU per request (this JVM's CPU time / requests, us): bare %.2f  "
          + "filtered %.2f  (filter adds %.2f us = %.1f %%; issue 14 target <= 0.5 us: %s)%n", bareCpuMean,
          filteredCpuMean, filteredCpuMean - bareCpuMean, (filteredCpuMean / bareCpuMean - 1) * 100,
          filteredCpuMean - bareCpuMean <= 0.5 ? "met" : "missed");
      System.out.println("load average after: " + loadAverage());
    }
  }

  private static double mean(List<WrkResult> rs, java.util.function.ToDoubleFunction<WrkResult> f) {
    return rs.stream().mapToDouble(f).average().orElseThrow();
  }

  /** Both endpoints answer 200 with the same body to the token; the filtered one refuses a request without it. */
  private static void sanityCheck(String filteredUrl, String bareUrl, String token) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> f = get(http, filteredUrl, token);
    HttpResponse<String> b = get(http, bareUrl, token);
    HttpResponse<String> anonymous = get(http, filteredUrl, null);
    if (f.statusCode() != 200 || b.statusCode() != 200 || !f.body().equals(b.body())
        || anonymous.statusCode() != 401) {
      throw new IllegalStateException("sanity check failed: filtered " + f.statusCode() + " " + f.body() + ", bare "
          + b.statusCode() + " " + b.body() + ", filtered without a token " + anonymous.statusCode()
          + " (expected 200, 200 with equal bodies, 401)");
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** CPU time of this whole JVM (both servers; the idle one costs next to nothing). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String findExecutable(String name) {
    if (name.contains("/")) {
      return Files.isExecutable(Path.of(name)) ? name : null;
    }
    String pathEnv = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : pathEnv.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " failed: " + out);
    }
    return out;
  }

  /** One wrk invocation per call, with a bounded wait. */
  private record Wrk(String wrk, List<String> prefix, int threads, int connections, String token) {
    WrkResult run(String url, int seconds) throws IOException, InterruptedException {
      List<String> cmd = new ArrayList<>(prefix);
      cmd.addAll(List.of(wrk, "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
          "-H", "Authorization: Bearer " + token, url));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      // wrk prints only at the end, so reading to EOF is bounded by its duration; the wait below is a backstop
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("wrk did not finish within " + (seconds + 30) + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("wrk exited with " + p.exitValue() + ": " + out);
      }
      WrkResult r = WrkResult.parse(out);
      if (!r.allSucceeded()) {
        throw new IllegalStateException("wrk saw failed requests against " + url + " (non-2xx/3xx "
            + r.non2xx3xx() + ", socket errors " + r.socketErrors() + "); the comparison would be meaningless");
      }
      return r;
    }
  }

  /** The example's orders servlet on its own Jetty, without the filter, on 127.0.0.1. */
  private static final class BareServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private BareServer(Server server, ServerConnector connector) {
      this.server = server;
      this.connector = connector;
    }

    static BareServer start() throws Exception {
      Server server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addServlet(new ServletHolder(ExampleServer.ordersServlet()), "/api/orders/*");
      server.setHandler(context);
      server.start();
      return new BareServer(server, connector);
    }

    int port() {
      return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.stop();
    }
  }
}
