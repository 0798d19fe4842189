package dev.tokenkit.examples;

import dev.tokenkit.TokenService;
import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.servlet.RouteRules;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.servlet.admin.ManagementServlet;
import dev.tokenkit.spi.TokenStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jdbi.v3.core.Jdbi;

/**
 * The example host application: {@code orders} ({@code GET}/{@code POST /api/orders}) and {@code reports}
 * ({@code GET /api/reports}) behind the TokenKit filter, the management API and console at {@code /admin/},
 * and interactive API documentation at {@code /docs/}.
 *
 * <pre>{@code
 * ./mvnw -pl examples -am compile exec:java                 # from a fresh clone
 * java -jar examples/target/tokenkit-example.jar --port 9090  # after ./mvnw package
 * }</pre>
 */
public final class ExampleServer implements AutoCloseable {
  private final Server server;
  private final TokenService tokens;
  private final TokenStore store;

  private ExampleServer(Server server, TokenService tokens, TokenStore store) {
    this.server = server;
    this.tokens = tokens;
    this.store = store;
  }

  /**
   * Starts the server.
   *
   * @param options the parsed options
   * @param console where the admin token line and the greeting go
   * @return the running server
   * @throws Exception when Jetty or the store cannot start
   */
  public static ExampleServer start(ExampleOptions options, PrintStream console) throws Exception {
    return start(options, console, UnaryOperator.identity());
  }

  /**
   * Starts the server over a wrapped store, e.g. one that counts store reads for a benchmark harness.
   *
   * @param options the parsed options
   * @param console where the admin token line and the greeting go
   * @param wrapper wraps the opened store; the wrapper is what the service uses
   * @return the running server
   * @throws Exception when Jetty or the store cannot start
   */
  public static ExampleServer start(ExampleOptions options, PrintStream console, UnaryOperator<TokenStore> wrapper)
      throws Exception {
    TokenStore store = wrapper.apply(openStore(options));
    TokenService tokens = TokenService.builder().store(store).build();

    RouteRules routes = RouteRules.builder()
        .api("orders", "/api/orders", "/api/orders/**")
        .api("reports", "/api/reports", "/api/reports/**")
        .publicPaths("/", "/health", "/docs/**", "/admin", "/admin/**")
        .build();

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    TokenAuthFilter filter = TokenAuthFilter.builder(tokens).routes(routes).apiKeyHeader("X-API-Key").build();
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new OrdersServlet()), "/api/orders/*");
    context.addServlet(new ServletHolder(new ReportsServlet()), "/api/reports/*");
    ManagementServlet.Builder admin = ManagementServlet.builder(tokens).authentication(filter).publicOpenApi(true);
    routes.apis().forEach(r -> admin.api(r.api(), r.patterns().toArray(String[]::new)));
    context.addServlet(new ServletHolder(admin.build()), "/admin/*");
    context.addServlet(new ServletHolder(new DocsServlet()), "/docs/*");
    context.addServlet(new ServletHolder(new HomeServlet()), "");

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(options.port());
    server.addConnector(connector);
    server.setHandler(context);
    server.setErrorHandler(new FixedTextErrorHandler());
    context.setErrorHandler(new FixedTextErrorHandler());
    server.start();
    int port = connector.getLocalPort();

    console.println("TokenKit example listening on http://localhost:" + port + "/ (store: " + describe(options) + ")");
    AdminBootstrap.run(tokens, options.resetAdmin(), console);
    console.println("Admin console: http://localhost:" + port + "/admin/   API docs: http://localhost:" + port + "/docs/");
    return new ExampleServer(server, tokens, store);
  }

  private static TokenStore openStore(ExampleOptions options) {
    String url = options.effectiveJdbcUrl();
    if (url == null) {
      return new InMemoryTokenStore();
    }
    JdbiTokenStore store = JdbiTokenStore.builder(Jdbi.create(url)).build();
    store.migrate();
    return store;
  }

  private static String describe(ExampleOptions options) {
    if (options.inMemory()) {
      return "in memory";
    }
    String url = options.effectiveJdbcUrl();
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?..."; // never print credentials from the URL
  }

  /**
   * A new, empty instance of the example's {@code orders} servlet (the handler behind {@code /api/orders}), for
   * hosting the same endpoint <em>without</em> the TokenKit filter, as the end-to-end benchmark does to measure
   * what the filter costs. The instance is thread-safe and independent of any running server.
   *
   * <pre>{@code
   * context.addServlet(new ServletHolder(ExampleServer.ordersServlet()), "/api/orders/*");
   * }</pre>
   *
   * @return a new servlet; never null
   */
  public static HttpServlet ordersServlet() {
    return new OrdersServlet();
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /**
   * The token service (for tests of the host application).
   *
   * @return the service
   */
  public TokenService tokens() {
    return tokens;
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    tokens.close();
    store.close();
  }

  /**
   * Runs the example.
   *
   * @param args see {@link ExampleOptions#USAGE}
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.println(ExampleOptions.USAGE);
      return;
    }
    ExampleOptions options;
    try {
      options = ExampleOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("Error: " + e.getMessage());
      System.err.println(ExampleOptions.USAGE);
      System.exit(2);
      return;
    }
    ExampleServer server = start(options, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        System.err.println("Shutdown: " + e);
      }
    }));
    server.join();
  }
}
