package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client over java.net.http that checks what every management response must carry. */
final class HttpJson {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;

  HttpJson(URI base) {
    this.base = base;
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  /** A response with its parsed JSON body (or {@code null}). */
  record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String contentType() {
      return header("Content-Type");
    }
  }

  Reply get(String path, String token) {
    return send("GET", path, null, null, token);
  }

  Reply post(String path, String jsonBody, String token) {
    return send("POST", path, jsonBody, "application/json", token);
  }

  Reply send(String method, String path, String body, String contentType, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return exchange(b.build());
  }

  /**
   * Sends, and sends once more when a kept-alive connection turned out to be closed by the server before it read
   * the request (no byte of a response arrived). A server may close an idle or refused-body connection at any time
   * (RFC 9112 §9.3.1); the tests are about the answers, not about connection reuse.
   */
  private HttpResponse<String> sendOnce(HttpRequest request) throws IOException, InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
        throw e;
      }
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  Reply exchange(HttpRequest request) {
    try {
      HttpResponse<String> r = sendOnce(request);
      assertThat(r.headers().firstValue("Cache-Control")).as("Cache-Control of %s %s", request.method(), request.uri())
          .contains("no-store");
      JsonNode json = null;
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (type.startsWith("application/json") || type.startsWith("application/problem+json")) {
        json = MAPPER.readTree(r.body());
      }
      if (r.statusCode() >= 400 && request.uri().getPath().startsWith("/admin/api/")) {
        assertThat(type).as("error body type").startsWith("application/problem+json");
        assertThat(json.get("status").asInt()).isEqualTo(r.statusCode());
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
      }
      return new Reply(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
