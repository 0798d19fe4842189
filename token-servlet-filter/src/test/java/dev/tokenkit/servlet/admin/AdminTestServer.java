package dev.tokenkit.servlet.admin;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Predicate;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 (ee10) host on 127.0.0.1: the management servlet at {@code /admin/*} over an in-memory
 * {@link TokenService}, plus a protected endpoint {@code /api/orders/*} that authenticates tokens for API
 * {@code orders} (READ for GET, FULL otherwise).
 */
final class AdminTestServer implements AutoCloseable {
  final TokenStore store;
  final TokenService tokens;
  final Server server;
  final URI base;
  final String adminToken;

  private AdminTestServer(TokenStore store, TokenService tokens, Server server, URI base, String adminToken) {
    this.store = store;
    this.tokens = tokens;
    this.server = server;
    this.base = base;
    this.adminToken = adminToken;
  }

  static AdminTestServer start() throws Exception {
    InMemoryTokenStore store = new InMemoryTokenStore();
    return start(store, TokenService.builder().store(store).build(), null);
  }

  static AdminTestServer start(TokenStore store, TokenService tokens, Predicate<HttpServletRequest> hostCheck) throws Exception {
    return startWith(store, tokens, ManagementServlet.builder(tokens).accessCheck(hostCheck));
  }

  /** A server whose host check returns the signed-in user with a scope (hosts with their own login). */
  static AdminTestServer startWithHostAccess(TokenStore store, TokenService tokens,
      Function<HttpServletRequest, Actor> hostAccess) throws Exception {
    return startWith(store, tokens, ManagementServlet.builder(tokens).hostAccess(hostAccess));
  }

  private static AdminTestServer startWith(TokenStore store, TokenService tokens, ManagementServlet.Builder builder)
      throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    ManagementServlet admin = builder
        .api("orders", "/api/orders/*")
        .api("reports", "/api/reports/*", "/api/exports/*")
        .build();
    context.addFilter(new FilterHolder(new FilterStandIn(tokens)), "/admin/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder("tokenkit-admin", admin), "/admin/*");
    context.addServlet(new ServletHolder("orders", new OrdersServlet(tokens)), "/api/orders/*");
    server.setHandler(context);
    server.start();
    URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    String adminToken = tokens.issue(Actor.system(), IssueRequest.builder("bootstrap-admin", "root").role("ADMIN").build())
        .secret().reveal();
    return new AdminTestServer(store, tokens, server, base, adminToken);
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  @Override
  public void close() throws Exception {
    server.stop();
    tokens.close();
  }

  /** The host's protected endpoint: what an integration using an issued token calls. */
  static final class OrdersServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient TokenService tokens;

    OrdersServlet(TokenService tokens) {
      this.tokens = tokens;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String header = req.getHeader("Authorization");
      String presented = header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
      AuthOutcome outcome = tokens.authenticate(presented,
          AuthContext.of(req.getRemoteAddr(), "orders", AccessLevel.forHttpMethod(req.getMethod())));
      resp.setContentType("text/plain");
      resp.setHeader("Cache-Control", "no-store");
      if (outcome.isVerified()) {
        resp.setStatus(200);
        resp.getWriter().write("orders for " + outcome.token().owner());
      } else {
        resp.setStatus(switch (outcome.reason()) {
          case INSUFFICIENT_ACCESS -> 403;
          case STORE_UNAVAILABLE -> 503;
          default -> 401;
        });
        resp.getWriter().write(outcome.reason().name());
      }
    }
  }

  /**
   * Stands in for TokenKit's authentication filter (built on another branch): a token sent in
   * {@code X-Test-Filter-Token} is authenticated here and left in the {@code dev.tokenkit.VerifiedToken} request
   * attribute, as the filter does.
   */
  static final class FilterStandIn extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private final transient TokenService tokens;

    FilterStandIn(TokenService tokens) {
      this.tokens = tokens;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
        throws IOException, ServletException {
      String presented = req.getHeader("X-Test-Filter-Token");
      if (presented != null) {
        AuthOutcome outcome = tokens.authenticate(presented, AuthContext.anyApi(req.getRemoteAddr()));
        if (outcome.isVerified()) {
          req.setAttribute("dev.tokenkit.VerifiedToken", outcome.token());
        }
      }
      chain.doFilter(req, resp);
    }
  }
}
