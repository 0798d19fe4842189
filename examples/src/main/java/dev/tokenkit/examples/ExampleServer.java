package dev.tokenkit.examples;

import dev.tokenkit.bootstrap.AdminBootstrap;
import dev.tokenkit.TokenService;
import dev.tokenkit.spi.TokenStore;
import dev.tokenkit.servlet.RouteRules;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.servlet.admin.ManagementServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.UnaryOperator;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

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
  private static final String TOKEN_FILTER = "tokenkit";
  private final Server server;
  private final TokenService tokens;
  private final ExampleStore store;

  private ExampleServer(Server server, TokenService tokens, ExampleStore store) {
    this.server = server;
    this.tokens = tokens;
    this.store = store;
  }

  /**
   * Starts the server. The admin token line (first start) is printed before the server starts listening.
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
   * @param wrapper wraps the opened token store; the wrapper is what the service uses
   * @return the running server
   * @throws Exception when Jetty or the store cannot start
   */
  public static ExampleServer start(ExampleOptions options, PrintStream console, UnaryOperator<TokenStore> wrapper)
      throws Exception {
    ExampleStore store = ExampleStore.open(options);
    TokenService tokens = TokenService.builder().store(wrapper.apply(store.tokenStore()))
        .sharedSecretKeys(ExampleKeys.load(options, System.getenv(), new java.security.SecureRandom())).build();
    try {
      AdminBootstrap.run(tokens, options.resetAdmin(), "restart with --reset-admin", console);
      Server server = server(options.port(), context(tokens));
      server.start();
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      console.println("TokenKit example listening on http://localhost:" + port + "/ (store: " + store.description()
          + ")");
      console.println("Admin console: http://localhost:" + port + "/admin/   API docs: http://localhost:" + port
          + "/docs/");
      return new ExampleServer(server, tokens, store);
    } catch (Exception | Error e) {
      tokens.close();
      store.close();
      throw e;
    }
  }

  private static ServletContextHandler context(TokenService tokens) {
    RouteRules routes = RouteRules.builder()
        .api("orders", "/api/orders", "/api/orders/**")
        .api("reports", "/api/reports", "/api/reports/**")
        .publicPaths("/", "/health", "/docs/**", "/admin", "/admin/**")
        .build();

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    // an address that sends 100 rejected tokens in a minute gets 429 (each answered after 250 ms) until the minute
    // ends: a flood of made-up tokens is slowed down without locking out other clients (README "Failed
    // authentications per client address")
    TokenAuthFilter filter = TokenAuthFilter.builder(tokens).routes(routes).apiKeyHeader("X-API-Key")
        .failedAuthenticationLimit(100, Duration.ofMinutes(1), Duration.ofMillis(250)).build();
    // every dispatcher type, as the README says: forwards, includes, error and async dispatches are checked too
    FilterHolder holder = new FilterHolder(filter);
    holder.setAsyncSupported(true); // the delayed 429 waits asynchronously, not on a request thread
    holder.setName(TOKEN_FILTER);
    context.addFilter(holder, "/*", EnumSet.allOf(DispatcherType.class));
    // /docs/ gets the admin console's security headers (strict CSP, no framing, no caching, no referrer)
    context.addFilter(new FilterHolder(new ConsoleSecurityHeaders()), "/docs/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(asyncSupported(new ServletHolder(new OrdersServlet())), "/api/orders/*");
    context.addServlet(asyncSupported(new ServletHolder(new ReportsServlet())), "/api/reports/*");
    ManagementServlet.Builder admin = ManagementServlet.builder(tokens).authentication(filter).publicOpenApi(true);
    routes.apis().forEach(r -> admin.api(r.api(), r.patterns().toArray(String[]::new)));
    context.addServlet(new ServletHolder(admin.build()), "/admin/*");
    context.addServlet(new ServletHolder(new DocsServlet()), "/docs/*");
    context.addServlet(new ServletHolder(new HomeServlet()), "");
    context.setErrorHandler(new FixedTextErrorHandler());
    return context;
  }

  private static ServletHolder asyncSupported(ServletHolder holder) {
    holder.setAsyncSupported(true);
    return holder;
  }

  private static Server server(int port, ServletContextHandler context) {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false); // no "Server: Jetty(12.x)" header
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(context);
    server.setErrorHandler(new FixedTextErrorHandler());
    return server;
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

  /**
   * The dispatcher types the TokenKit filter is registered for (for tests).
   *
   * @return the types
   */
  Set<DispatcherType> tokenFilterDispatches() {
    ServletHandler handler = ((ServletContextHandler) server.getHandler()).getServletHandler();
    Set<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
    for (FilterMapping m : handler.getFilterMappings()) {
      if (TOKEN_FILTER.equals(m.getFilterName())) {
        for (DispatcherType t : DispatcherType.values()) {
          if (m.appliesTo(t)) {
            types.add(t);
          }
        }
      }
    }
    return types;
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop();
    } finally {
      tokens.close();
      store.close();
    }
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
