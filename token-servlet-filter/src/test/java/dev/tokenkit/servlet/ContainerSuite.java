package dev.tokenkit.servlet;

import dev.tokenkit.TokenService;
import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared frame of suites that run one filter in one real container (Jetty and Tomcat subclasses) against one
 * servlet on {@code /api/*}, with a real HTTP client; closes the container and the service after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContainerSuite {
  protected final OffsetClock clock = new OffsetClock();
  protected TokenService tokens;
  protected ServletContainer container;
  protected HttpClient http;
  protected String base;

  protected abstract ServletContainer newContainer() throws Exception;

  /** Starts a new container with the filter and the servlet; sets {@link #base} and {@link #http}. */
  protected void serve(TokenAuthFilter filter, HttpServlet servlet) throws Exception {
    container = newContainer();
    base = container.serve(filter, servlet);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  void stop() throws Exception {
    if (container != null) {
      container.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }
}
