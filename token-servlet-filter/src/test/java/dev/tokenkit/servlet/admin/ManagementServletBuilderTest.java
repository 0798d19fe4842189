package dev.tokenkit.servlet.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagementServletBuilderTest {
  private final TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).build();

  @AfterEach
  void close() {
    tokens.close();
  }

  @Test
  void aMalformedApiNameIsRefusedWithTheRule() {
    assertThatThrownBy(() -> ManagementServlet.builder(tokens).api("orders api", "/orders/*"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-64 letters");
    assertThatThrownBy(() -> ManagementServlet.builder(tokens).api("*", "/orders/*"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anApiAddedTwiceIsRefused() {
    Map<String, List<String>> catalogue = new LinkedHashMap<>();
    catalogue.put("orders", List.of("/api/orders/*"));
    assertThatThrownBy(() -> ManagementServlet.builder(tokens).apiCatalogue(catalogue).api("orders"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already added");
  }

  @Test
  void aServiceIsRequired() {
    assertThatThrownBy(() -> ManagementServlet.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void jsonBodiesAreRecognisedByMediaType() {
    assertThat(JsonBody.isJson("application/json")).isTrue();
    assertThat(JsonBody.isJson("Application/JSON; charset=utf-8")).isTrue();
    assertThat(JsonBody.isJson("application/merge-patch+json")).isTrue();
    assertThat(JsonBody.isJson("text/plain")).isFalse();
    assertThat(JsonBody.isJson("application/x-www-form-urlencoded")).isFalse();
    assertThat(JsonBody.isJson("multipart/form-data; boundary=x")).isFalse();
    assertThat(JsonBody.isJson(null)).isFalse();
  }
}
