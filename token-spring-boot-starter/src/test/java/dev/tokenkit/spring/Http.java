package dev.tokenkit.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client against a started Boot application on localhost. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;

  public Http(int port) {
    this.port = port;
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public HttpResponse<String> post(String path, String json, String... headers) {
    return send("POST", path, json, headers);
  }

  public HttpResponse<String> send(String method, String path, String json, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The COUNT statistic of an Actuator meter, e.g. {@code tokenkit.verifications?tag=outcome:verified}. */
  public double meterCount(String meter) {
    HttpResponse<String> r = get("/actuator/metrics/" + meter);
    if (r.statusCode() != 200) {
      throw new AssertionError(meter + ": status " + r.statusCode());
    }
    for (JsonNode m : json(r).get("measurements")) {
      if (m.get("statistic").asText().equals("COUNT")) {
        return m.get("value").asDouble();
      }
    }
    throw new AssertionError("no COUNT in " + r.body());
  }

  public static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The web server's simple class name (e.g. TomcatWebServer, JettyWebServer), on Boot 3 and 4 alike. */
  public static String webServer(Object applicationContext) {
    try {
      Object server = applicationContext.getClass().getMethod("getWebServer").invoke(applicationContext);
      return server.getClass().getSimpleName();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The container the surefire execution asks for ({@code tokenkit.test.container}): Tomcat or Jetty. */
  public static String expectedContainer() {
    return "jetty".equals(System.getProperty("tokenkit.test.container")) ? "Jetty" : "Tomcat";
  }
}
