package dev.tokenkit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.benchmarks.support.LoopbackHttp;
import dev.tokenkit.jdbi.Bucket4jRateLimiter;
import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.ratelimit.InMemoryRateLimiter;
import dev.tokenkit.ratelimit.RateLimit;
import dev.tokenkit.ratelimit.RateLimitResult;
import dev.tokenkit.ratelimit.RateLimits;
import dev.tokenkit.servlet.RouteRules;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.spi.RateLimiter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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
 * The cost of rate limits (issue 18): per token and per owner limits that never refuse (a quota of 10⁹ per
 * second), counted by {@code limiter=none} (no limits: the baseline), {@code memory} ({@link InMemoryRateLimiter})
 * or {@code postgresql} ({@link Bucket4jRateLimiter}, one {@code SELECT ... FOR UPDATE} transaction per limit and
 * request; needs {@code -jvmArgsAppend -Dtokenkit.bench.pgUrl=jdbc:postgresql://...}).
 *
 * <ul>
 *   <li>{@link #cachedVerifyAndLimit()}: the cached hot path {@code TokenService.authenticate} plus
 *       {@code RateLimits.check}, the work the filter adds per request;
 *   <li>{@link #throughFilter()}: one keep-alive HTTP GET through {@link TokenAuthFilter} in Jetty 12 on loopback
 *       to a servlet answering "ok", headers included.
 * </ul>
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar RateLimitBenchmark} (add
 * {@code -p limiter=none,memory,postgresql -jvmArgsAppend -Dtokenkit.bench.pgUrl=...} for PostgreSQL). JMH state,
 * one per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RateLimitBenchmark {
  /** {@code none}, {@code memory} or {@code postgresql}. */
  @Param({"none", "memory"})
  public String limiter;

  private TokenService service;
  private RateLimits limits;
  private HikariDataSource pool;
  private Server jetty;
  private LoopbackHttp http;
  private String token;

  /** Issues a token, warms the cache and starts Jetty with the filter. */
  @Setup
  public void setUp() throws Exception {
    service = BenchServices.builder(new InMemoryTokenStore()).build();
    token = service.issue(Actor.of("bench"), IssueRequest.builder("bench", "alice")
        .access(Map.of("orders", AccessLevel.READ)).build()).secret().reveal();
    BenchServices.requireVerified(service.authenticate(token, BenchServices.CONTEXT));
    RateLimiter counter = switch (limiter) {
      case "none" -> null;
      case "memory" -> InMemoryRateLimiter.create();
      case "postgresql" -> postgres();
      default -> throw new IllegalArgumentException("unknown limiter " + limiter + "; use none, memory or postgresql");
    };
    RateLimit generous = RateLimit.of(RateLimit.MAX_QUOTA, Duration.ofSeconds(1));
    limits = counter == null ? null : RateLimits.builder(counter).perToken(generous).perOwner(generous).build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(new FilterHolder(TokenAuthFilter.builder(service)
        .routes(RouteRules.builder().api("orders", "/api/orders").build()).rateLimits(limits).build()),
        "/*", EnumSet.allOf(DispatcherType.class));
    context.addServlet(new ServletHolder(new OkServlet()), "/api/*");
    jetty.setHandler(context);
    jetty.start();
    http = new LoopbackHttp("127.0.0.1", connector.getLocalPort());
    if (http.send("GET", "/api/orders", token, null).status() != 200) {
      throw new IllegalStateException("the filtered request was not accepted");
    }
  }

  private RateLimiter postgres() {
    String url = System.getProperty(DatabaseColdVerifyBenchmark.PG_URL_PROPERTY);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("limiter=postgresql needs -jvmArgsAppend -D"
          + DatabaseColdVerifyBenchmark.PG_URL_PROPERTY
          + "=jdbc:postgresql://host:port/database?user=...&password=...");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    config.setPoolName("tokenkit-bench-ratelimit");
    pool = new HikariDataSource(config);
    String prefix = "bench" + Long.toString(System.nanoTime() & 0xffffff, 36) + "_";
    JdbiTokenStore.builder(pool).tablePrefix(prefix).build().migrate();
    return Bucket4jRateLimiter.builder(pool).tablePrefix(prefix).build();
  }

  /** Stops Jetty, the service and the pool. */
  @TearDown
  public void tearDown() throws Exception {
    http.close();
    jetty.stop();
    service.close();
    if (pool != null) {
      pool.close();
    }
  }

  /**
   * Cached verification plus the rate-limit check.
   *
   * @return the limit result, or the outcome when there are no limits (consumed by JMH)
   */
  @Benchmark
  public Object cachedVerifyAndLimit() {
    AuthOutcome outcome = service.authenticate(token, BenchServices.CONTEXT);
    if (limits == null) {
      return outcome;
    }
    RateLimitResult result = limits.check(outcome.token());
    return result;
  }

  /**
   * One HTTP request through the filter.
   *
   * @return the status (consumed by JMH)
   * @throws IOException when the exchange fails
   */
  @Benchmark
  public int throughFilter() throws IOException {
    return http.send("GET", "/api/orders", token, null).status();
  }

  /** Answers 200 "ok". */
  public static final class OkServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("ok");
    }
  }
}
