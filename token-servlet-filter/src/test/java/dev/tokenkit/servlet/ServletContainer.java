package dev.tokenkit.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.Map;

/** A real embedded servlet container for tests: deploys contexts set up by initializers, on a free port. */
interface ServletContainer extends AutoCloseable {

  /**
   * Adds a context before {@link #start()}.
   *
   * @param contextPath "" for the root context or e.g. "/proxied"
   * @param initializer registers filters and servlets through the ServletContext API, as a host app would
   * @param errorPages status code to error-page location
   */
  void deploy(String contextPath, ServletContainerInitializer initializer, Map<Integer, String> errorPages);

  void start() throws Exception;

  /**
   * Deploys one root context and starts.
   *
   * @param initializer registers filters and servlets
   * @return the base URL, {@code http://127.0.0.1:<port>}
   * @throws Exception when the container does not start
   */
  default String startRoot(ServletContainerInitializer initializer) throws Exception {
    deploy("", initializer, java.util.Map.of());
    start();
    return "http://127.0.0.1:" + port();
  }

  int port();

  String name();

  /**
   * Deploys one root context with the filter on every path and dispatcher type and the servlet on {@code /api/*},
   * starts the container and returns its base URL.
   *
   * @param filter the TokenKit filter under test
   * @param servlet the application behind it
   * @return e.g. {@code http://127.0.0.1:port}
   */
  default String serve(Filter filter, HttpServlet servlet) throws Exception {
    deploy("", (classes, ctx) -> {
      FilterRegistration.Dynamic f = ctx.addFilter("tokenkit", filter);
      f.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
      ctx.addServlet("app", servlet).addMapping("/api/*");
    }, Map.of());
    start();
    return "http://127.0.0.1:" + port();
  }

  @Override
  void close() throws Exception;
}
