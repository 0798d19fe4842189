package dev.tokenkit.servlet;

import dev.tokenkit.AccessLevel;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small host application: protected handlers under /api, public ones under /public and /health, a fallback
 * at "/" so the filter sees every path, and an error page (409) that lives under a protected path.
 */
final class TestApp {
  static final String PROTECTED_MARKER = "protected-handler-reached";
  static final Map<Integer, String> ERROR_PAGES = Map.of(409, "/api/orders/error-page");

  /** How often a protected handler ran. */
  final AtomicInteger protectedHits = new AtomicInteger();

  void reset() {
    protectedHits.set(0);
  }

  /** Registers a filter instance built from code. */
  ServletContainerInitializer withFilter(Filter filter) {
    return (classes, ctx) -> {
      // a host filter in front of ours, like a CORS filter: its headers must survive our error answers
      FilterRegistration.Dynamic host = ctx.addFilter("host-headers", (Filter) (req, res, chain) -> {
        ((HttpServletResponse) res).setHeader("X-Host-Filter", "kept");
        chain.doFilter(req, res);
      });
      host.setAsyncSupported(true);
      host.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
      FilterRegistration.Dynamic f = ctx.addFilter("tokenkit", filter);
      f.setAsyncSupported(true);
      f.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
      addServlets(ctx);
    };
  }

  /** Registers the filter by class with init parameters, and the service as a context attribute (web.xml style). */
  ServletContainerInitializer withInitParams(Object service, Map<String, String> params) {
    return (Set<Class<?>> classes, ServletContext ctx) -> {
      ctx.setAttribute(TokenAuthFilter.SERVICE_ATTRIBUTE, service);
      FilterRegistration.Dynamic f = ctx.addFilter("tokenkit", TokenAuthFilter.class);
      f.setInitParameters(params);
      f.setAsyncSupported(true);
      f.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
      addServlets(ctx);
    };
  }

  private void addServlets(ServletContext ctx) {
    ServletRegistration.Dynamic p = ctx.addServlet("protected", new ProtectedServlet());
    p.setAsyncSupported(true);
    p.addMapping("/api/*");
    ServletRegistration.Dynamic pub = ctx.addServlet("public", new PublicServlet());
    pub.setAsyncSupported(true);
    pub.addMapping("/public/*", "/health");
    ctx.addServlet("fallback", new FallbackServlet()).addMapping("/");
  }

  private final class ProtectedServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      protectedHits.incrementAndGet();
      String path = req.getPathInfo() == null ? "" : req.getPathInfo();
      if (path.startsWith("/refunds")) {
        TokenAuth.require(req, "refunds", AccessLevel.FULL);
      }
      resp.setStatus(200);
      resp.setContentType("text/plain");
      resp.getWriter().write(PROTECTED_MARKER
          + " principal=" + (req.getUserPrincipal() == null ? "-" : req.getUserPrincipal().getName())
          + " remoteUser=" + req.getRemoteUser()
          + " authType=" + req.getAuthType()
          + " admin=" + req.isUserInRole("ADMIN")
          + " readonly=" + req.isUserInRole("READONLY")
          + " any=" + req.isUserInRole("**")
          + " attribute=" + TokenAuth.current(req).map(t -> t.id()).orElse("-")
          + " principalType=" + (req.getUserPrincipal() == null ? "-" : req.getUserPrincipal().getClass().getSimpleName()));
    }
  }

  private static final class PublicServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException,
        IOException {
      String p = req.getPathInfo() == null ? "" : req.getPathInfo();
      switch (p) {
        case "/forward" -> req.getRequestDispatcher("/api/orders").forward(req, resp);
        case "/include" -> {
          resp.setContentType("text/plain");
          resp.getWriter().write("public-before;");
          req.getRequestDispatcher("/api/orders").include(req, resp);
          resp.getWriter().write(";public-after");
        }
        case "/error" -> resp.sendError(409);
        case "/async" -> req.startAsync().dispatch("/api/orders");
        case "/require" -> TokenAuth.require(req, "orders", AccessLevel.READ);
        default -> {
          resp.setContentType("text/plain");
          resp.getWriter().write("public-ok token=" + TokenAuth.current(req).isPresent());
        }
      }
    }
  }

  private static final class FallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setStatus(404);
      resp.setContentType("text/plain");
      resp.getWriter().write("fallback-404");
    }
  }
}
