package dev.tokenkit.servlet;

import jakarta.servlet.ServletContainerInitializer;
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

  @Override
  void close() throws Exception;
}
