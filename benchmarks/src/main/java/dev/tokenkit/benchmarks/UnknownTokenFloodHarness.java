package dev.tokenkit.benchmarks;

import dev.tokenkit.testkit.ForwardingTokenStore;
import dev.tokenkit.benchmarks.support.LoopbackHttp;
import dev.tokenkit.bootstrap.AdminBootstrap;
import dev.tokenkit.examples.ExampleOptions;
import dev.tokenkit.examples.ExampleServer;
import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unknown-token flood against the example application (Jetty, TokenAuthFilter, ManagementServlet) on H2 or
 * PostgreSQL. {@code --connections} flooding keep-alive connections from 127.0.0.2–127.0.0.9 send well-formed tokens
 * with random ids to {@code /api/orders} for {@code --seconds}; meanwhile a legitimate client on 127.0.0.1 uses 20
 * freshly issued tokens for the first time (one per second) and lists tokens through the management API every
 * 250 ms. Reports flood requests, the store reads they caused, legitimate first-use and list latencies (list also
 * measured idle first) and 5xx counts, against the targets of issue 13.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.UnknownTokenFloodHarness --db h2
 * java -cp benchmarks/target/benchmarks.jar dev.tokenkit.benchmarks.UnknownTokenFloodHarness \
 *     --db jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres --seconds 20 --connections 64
 * </pre>
 */
public final class UnknownTokenFloodHarness {
  private static final Pattern ADMIN = Pattern.compile(Pattern.quote(AdminBootstrap.LINE_PREFIX) + "(\\S+)");
  private static final Pattern TOKEN = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");
  private static final int LEGIT_TOKENS = 20;

  private UnknownTokenFloodHarness() {}

  /** Counts {@code findById} calls: the cold-path store reads. */
  static final class ReadCounter extends ForwardingTokenStore {
    final AtomicLong reads = new AtomicLong();

    ReadCounter(TokenStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<StoredToken> findById(String id) {
      reads.incrementAndGet();
      return super.findById(id);
    }
  }

  public static void main(String[] args) throws Exception {
    String db = "h2";
    int seconds = 20;
    int connections = 64;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--db" -> db = args[i + 1];
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--connections" -> connections = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; use --db h2|<jdbc-url> --seconds N --connections N");
      }
    }
    Path dataDir = Files.createTempDirectory("tokenkit-flood");
    ExampleOptions options = db.equals("h2")
        ? ExampleOptions.parse("--port", "0", "--data-dir", dataDir.toString())
        : ExampleOptions.parse("--port", "0", "--db", db);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ReadCounter[] counter = new ReadCounter[1];
    try (ExampleServer server = ExampleServer.start(options, new PrintStream(console, true, StandardCharsets.UTF_8),
        s -> counter[0] = new ReadCounter(s))) {
      Matcher m = ADMIN.matcher(console.toString(StandardCharsets.UTF_8));
      if (!m.find()) {
        throw new IllegalStateException("the example printed no admin token; start from an empty database");
      }
      run(server.port(), m.group(1), counter[0], db, seconds, connections);
    }
  }

  private static void run(int port, String admin, ReadCounter store, String db, int seconds, int connections)
      throws Exception {
    LoopbackHttp legit = new LoopbackHttp("127.0.0.1", port);
    List<String> fresh = new ArrayList<>();
    for (int i = 0; i < LEGIT_TOKENS; i++) {
      LoopbackHttp.Response r = legit.send("POST", "/admin/api/tokens", admin,
          "{\"name\": \"legit-" + i + "\", \"owner\": \"bench\", \"access\": {\"orders\": \"READ\"}}");
      Matcher t = TOKEN.matcher(r.body());
      if (r.status() != 201 || !t.find()) {
        throw new IllegalStateException("issuing a token failed: " + r.status());
      }
      fresh.add(t.group(1));
    }
    for (int i = 0; i < 200; i++) { // warm-up: JIT, admin token cached
      legit.send("GET", "/admin/api/tokens?limit=50", admin, null);
    }
    long[] idle = new long[40];
    for (int i = 0; i < idle.length; i++) {
      idle[i] = timed(() -> legit.send("GET", "/admin/api/tokens?limit=50", admin, null));
      Thread.sleep(25);
    }

    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong floodRequests = new AtomicLong();
    AtomicLong flood5xx = new AtomicLong();
    AtomicLong floodNot401 = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    long readsBefore = store.reads.get();
    for (int c = 0; c < connections; c++) {
      String source = "127.0.0." + (2 + c % 8);
      pool.execute(() -> flood(source, port, stop, floodRequests, flood5xx, floodNot401));
    }
    long start = System.nanoTime();
    List<Long> firstUse = new ArrayList<>();
    List<Long> listing = new ArrayList<>();
    int legit5xx = 0;
    int legitRefused = 0;
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long nextUse = start + TimeUnit.MILLISECONDS.toNanos(500);
    int used = 0;
    while (System.nanoTime() < end) {
      if (used < fresh.size() && System.nanoTime() >= nextUse) {
        String token = fresh.get(used++);
        long t0 = System.nanoTime();
        LoopbackHttp.Response r = legit.send("GET", "/api/orders", token, null);
        firstUse.add(System.nanoTime() - t0);
        legit5xx += r.status() >= 500 ? 1 : 0;
        legitRefused += r.status() != 200 ? 1 : 0;
        nextUse += TimeUnit.SECONDS.toNanos(seconds) / (LEGIT_TOKENS + 1);
      }
      long t0 = System.nanoTime();
      LoopbackHttp.Response r = legit.send("GET", "/admin/api/tokens?limit=50", admin, null);
      listing.add(System.nanoTime() - t0);
      legit5xx += r.status() >= 500 ? 1 : 0;
      Thread.sleep(250);
    }
    stop.set(true);
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long reads = store.reads.get() - readsBefore;
    long floodReads = Math.max(0, reads - firstUse.size());
    report(db, seconds, connections, elapsed, floodRequests.get(), flood5xx.get(), floodNot401.get(), floodReads,
        reads, firstUse, legitRefused, listing, idle, legit5xx);
    legit.close();
  }

  private static void flood(String source, int port, AtomicBoolean stop, AtomicLong requests, AtomicLong fiveXx,
      AtomicLong not401) {
    SecureRandom random = new SecureRandom();
    try (LoopbackHttp http = new LoopbackHttp(source, port)) {
      while (!stop.get()) {
        String token = TokenCodec.newToken("tk", TokenCodec.newId(random), random);
        LoopbackHttp.Response r = http.send("GET", "/api/orders", token, null);
        requests.incrementAndGet();
        if (r.status() >= 500) {
          fiveXx.incrementAndGet();
        } else if (r.status() != 401) {
          not401.incrementAndGet();
        }
      }
    } catch (Exception e) {
      System.err.println("flood connection from " + source + " failed: " + e);
    }
  }

  private interface Call {
    LoopbackHttp.Response run() throws Exception;
  }

  private static long timed(Call call) throws Exception {
    long t0 = System.nanoTime();
    call.run();
    return System.nanoTime() - t0;
  }

  private static void report(String db, int seconds, int connections, double elapsed, long floodRequests,
      long flood5xx, long floodOther, long floodReads, long reads, List<Long> firstUse, int legitRefused,
      List<Long> listing, long[] idle, int legit5xx) {
    double readShare = floodRequests == 0 ? 0 : 100.0 * floodReads / floodRequests;
    double idleP99 = p99(Arrays.stream(idle).boxed().toList());
    double listP99 = p99(listing);
    double useP99 = p99(firstUse);
    System.out.printf("store: %s, %d flooding connections from 127.0.0.2-9 for %d s (%.1f s measured)%n", db,
        connections, seconds, elapsed);
    System.out.printf("flood: %d requests (%.0f/s), %d 5xx, %d answers other than 401%n", floodRequests,
        floodRequests / elapsed, flood5xx, floodOther);
    System.out.printf("store reads: %d in total, %d caused by the flood = %.3f %% of flood requests (target <= 1 %%)%n",
        reads, floodReads, readShare);
    System.out.printf("legit first use: %d tokens, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d refused (target p99 <= 50 ms)%n",
        firstUse.size(), p(firstUse, 0.5), useP99, p(firstUse, 1.0), legitRefused);
    System.out.printf("management list: idle p50 %.1f ms p99 %.1f ms; under flood p50 %.1f ms p99 %.1f ms = %.2fx idle"
        + " (target <= 3x), %d samples%n", p(Arrays.stream(idle).boxed().toList(), 0.5), idleP99, p(listing, 0.5),
        listP99, listP99 / idleP99, listing.size());
    System.out.printf("5xx: flood %d, legitimate %d (target 0)%n", flood5xx, legit5xx);
    boolean ok = readShare <= 1.0 && useP99 <= 50 && listP99 <= 3 * idleP99 && flood5xx == 0 && legit5xx == 0
        && legitRefused == 0;
    System.out.println(ok ? "RESULT: all targets met" : "RESULT: target(s) missed");
  }

  private static double p99(List<Long> nanos) {
    return p(nanos, 0.99);
  }

  private static double p(List<Long> nanos, double q) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}
