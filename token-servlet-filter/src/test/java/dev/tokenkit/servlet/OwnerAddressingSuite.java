package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.servlet.admin.ManagementServlet;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every owner that can be created can be addressed by every management endpoint, in a real container: owners with
 * characters a path segment cannot carry are listed through the query and revoked through the body or query of
 * {@code POST /api/owners/revoke-all}; look-alike characters are refused with a 400 naming the field; owners are
 * NFC-normalised so either spelling addresses them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OwnerAddressingSuite {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ServletContainer container;
  private TokenService tokens;
  private String admin;
  private URI base;

  protected abstract ServletContainer newContainer() throws Exception;

  @BeforeAll
  void start() throws Exception {
    tokens = TokenService.builder().store(new InMemoryTokenStore()).build();
    admin = tokens.issue(Actor.system(), IssueRequest.builder("admin", "root").role("ADMIN").build()).secret().reveal();
    container = newContainer();
    ServletContainerInitializer init = (classes, ctx) ->
        ctx.addServlet("tokenkit-admin", ManagementServlet.builder(tokens).build()).addMapping("/admin/*");
    container.deploy("", init, Map.of());
    container.start();
    base = URI.create("http://127.0.0.1:" + container.port());
  }

  @AfterAll
  void stop() throws Exception {
    container.close();
    tokens.close();
  }

  @ParameterizedTest(name = "owner [{0}]")
  @ValueSource(strings = {"a%b", "a%2Fb", "a;b", "a\\b", "a/b", ".", "..", "../..", "a?b#c", "o'brien & co",
      "ünïcödé 日本", "50% off; /shop\\..", "revoke-all", "+plus+"})
  void anOwnerThatCanBeCreatedIsListedAndRevokedThroughEveryForm(String owner) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Reply issued = send("POST", "/admin/api/tokens",
          JSON.writeValueAsString(Map.of("name", "t" + i, "owner", owner)));
      assertThat(issued.status()).as("issue for owner %s", owner).isEqualTo(201);
      assertThat(issued.json().get("token").get("owner").asText()).isEqualTo(owner);
      ids.add(issued.json().get("token").get("id").asText());
    }
    Reply listed = send("GET", "/admin/api/tokens?owner=" + query(owner), null);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("items").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(send("GET", "/admin/api/tokens/" + ids.get(0), null).json().get("owner").asText()).isEqualTo(owner);

    send("POST", "/admin/api/tokens/" + ids.get(0) + "/revoke", "{}");
    Reply byBody = send("POST", "/admin/api/owners/revoke-all", JSON.writeValueAsString(Map.of("owner", owner)));
    assertThat(byBody.status()).as("revoke-all by body").isEqualTo(200);
    assertThat(byBody.json().get("revoked").asInt()).isEqualTo(2);

    Reply another = send("POST", "/admin/api/tokens", JSON.writeValueAsString(Map.of("name", "t9", "owner", owner)));
    Reply byQuery = send("POST", "/admin/api/owners/revoke-all?owner=" + query(owner), null);
    assertThat(byQuery.status()).as("revoke-all by query").isEqualTo(200);
    assertThat(byQuery.json().get("revoked").asInt()).isEqualTo(1);
    assertThat(send("GET", "/admin/api/tokens/" + another.json().get("token").get("id").asText(), null)
        .json().get("status").asText()).isEqualTo("REVOKED");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(strings = {"202E", "2066", "200B", "FEFF", "2028", "2029", "D800", "DFFF", "0000", "001B", "0085"})
  void lookAlikeCharactersAreRefusedNamingTheField(String hex) throws Exception {
    String escaped = "\\u" + hex;
    for (String field : List.of("name", "owner", "description")) {
      String body = "{\"name\": \"n\", \"owner\": \"o\", \"description\": \"d\"}"
          .replace("\"" + field.charAt(0) + "\"", "\"x" + escaped + "y\"");
      Reply r = send("POST", "/admin/api/tokens", body);
      assertThat(r.status()).as("%s with U+%s", field, hex).isEqualTo(400);
      JsonNode error = r.json().get("errors").get(0);
      assertThat(error.get("field").asText()).isEqualTo(field);
      assertThat(error.get("detail").asText()).contains("U+" + hex).doesNotContain("xy").doesNotContain("x" + (char) Integer.parseInt(hex, 16));
    }
  }

  @Test
  void eitherSpellingOfAnOwnerAddressesIt() throws Exception {
    String decomposed = "Jose\u0301";
    String composed = "Jos\u00E9";
    Reply issued = send("POST", "/admin/api/tokens", JSON.writeValueAsString(Map.of("name", "n", "owner", decomposed)));
    assertThat(issued.json().get("token").get("owner").asText()).isEqualTo(composed);
    assertThat(send("GET", "/admin/api/tokens?owner=" + query(decomposed), null).json().get("items").size()).isEqualTo(1);
    assertThat(send("POST", "/admin/api/owners/revoke-all", JSON.writeValueAsString(Map.of("owner", decomposed)))
        .json().get("revoked").asInt()).isEqualTo(1);
  }

  @Test
  void revokeAllNamesTheOwnerExactlyOnce() throws Exception {
    assertThat(send("POST", "/admin/api/owners/revoke-all", "{}").status()).isEqualTo(400);
    assertThat(send("POST", "/admin/api/owners/revoke-all?owner=x", "{\"owner\": \"x\"}").status()).isEqualTo(400);
    assertThat(send("POST", "/admin/api/owners/revoke-all", "{\"owner\": 5}").status()).isEqualTo(400);
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  record Reply(int status, JsonNode json) {}

  private Reply send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + admin)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s %s", method, path).isLessThan(500);
    return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }
}
