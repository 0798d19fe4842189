package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TRACE and TRACK never echo credentials: in real Jetty and Tomcat (with TRACE allowed at the connector), the filter
 * answers them with 405 and a fixed problem body on protected, public and unmatched paths, from code and from init
 * parameters; switched off, they reach the application's servlets, whose default {@code doTrace} echoes the
 * request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceAndTrackTest {
  private static final String TOKEN = "tk_" + "A".repeat(65);
  private static final String API_KEY = "tk_" + "B".repeat(65);
  private static final String BODY = "{\"type\":\"urn:tokenkit:problem:method-not-allowed\",\"title\":\"Method Not Allowed\",\"status\":405,"
      + "\"detail\":\"TRACE and TRACK are not allowed: they would echo the request, credentials included.\"}";

  private final TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).build();
  private ServletContainer jetty;
  private ServletContainer tomcat;

  @BeforeAll
  void start() throws Exception {
    jetty = deployAll(new JettyContainer());
    tomcat = deployAll(new TomcatContainer().allowingTrace());
  }

  private ServletContainer deployAll(ServletContainer container) throws Exception {
    container.deploy("", app(TokenAuthFilter.builder(tokens).routes(FilterTestBase.rules()).apiKeyHeader("X-API-Key")
        .build()), Map.of());
    container.deploy("/off", app(TokenAuthFilter.builder(tokens).routes(FilterTestBase.rules()).rejectTrace(false)
        .build()), Map.of());
    container.deploy("/webxml", webXml(Map.of("api.orders", "/api/orders/**", "publicPaths", "/public/**")), Map.of());
    container.deploy("/webxml-off", webXml(Map.of("api.orders", "/api/orders/**", "publicPaths", "/public/**",
        "rejectTrace", "false")), Map.of());
    container.start();
    return container;
  }

  @AfterAll
  void stop() throws Exception {
    jetty.close();
    tomcat.close();
    tokens.close();
  }

  Stream<Arguments> refusedRequests() {
    return Stream.of("", "/webxml").flatMap(context -> Stream.of("TRACE", "TRACK", "trace").flatMap(method ->
        Stream.of("/api/orders", "/public/page", "/nothing/here", "/").flatMap(path ->
            Stream.of(Arguments.of("Jetty", method, context + path), Arguments.of("Tomcat", method, context + path)))));
  }

  @ParameterizedTest(name = "{0}: {1} {2}")
  @MethodSource("refusedRequests")
  void traceAndTrackGet405WithAFixedBodyOnEveryPath(String containerName, String method, String path)
      throws IOException {
    RawHttp.Response r = RawHttp.send(container(containerName).port(), method + " " + path + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\nX-API-Key: " + API_KEY + "\r\n"
        + "Cookie: session=s3cr3t-cookie\r\nConnection: close\r\n\r\n");

    assertThat(r.status()).as(r.raw()).isEqualTo(405);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.body()).isEqualTo(BODY);
    assertThat(r.raw()).doesNotContain(TOKEN.substring(3, 20)).doesNotContain(API_KEY.substring(3, 20))
        .doesNotContain("s3cr3t-cookie").doesNotContainIgnoringCase("message/http");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containers")
  void switchedOffTraceReachesTheApplication(String containerName) throws IOException {
    for (String context : new String[] {"/off", "/webxml-off"}) {
      RawHttp.Response r = RawHttp.send(container(containerName).port(), "TRACE " + context + "/public/page HTTP/1.1"
          + "\r\nHost: 127.0.0.1\r\nX-Probe: echoed\r\nConnection: close\r\n\r\n");
      assertThat(r.status()).as(context + "\n" + r.raw()).isEqualTo(200);
      assertThat(r.header("Content-Type")).as(context).startsWith("message/http");
      assertThat(r.body()).as(context).containsIgnoringCase("X-Probe: echoed");
    }
  }

  Stream<String> containers() {
    return Stream.of("Jetty", "Tomcat");
  }

  private ServletContainer container(String name) {
    return name.equals("Jetty") ? jetty : tomcat;
  }

  /** The filter from code, and servlets that keep HttpServlet's default TRACE handling (which echoes). */
  private static ServletContainerInitializer app(TokenAuthFilter filter) {
    return (classes, ctx) -> {
      FilterRegistration.Dynamic f = ctx.addFilter("tokenkit", filter);
      f.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
      ctx.addServlet("app", new PlainServlet()).addMapping("/");
    };
  }

  private ServletContainerInitializer webXml(Map<String, String> params) {
    return (classes, ctx) -> {
      ctx.setAttribute(TokenAuthFilter.SERVICE_ATTRIBUTE, tokens);
      FilterRegistration.Dynamic f = ctx.addFilter("tokenkit", TokenAuthFilter.class);
      f.setInitParameters(params);
      f.addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
      ctx.addServlet("app", new PlainServlet()).addMapping("/");
    };
  }

  private static final class PlainServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("ok");
    }
  }
}
