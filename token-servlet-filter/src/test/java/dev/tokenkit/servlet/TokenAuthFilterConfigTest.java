package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.InvalidInputException;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Configuration errors are reported at start-up with how to fix them. */
class TokenAuthFilterConfigTest {
  private final TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).build();

  @AfterEach
  void close() {
    tokens.close();
  }

  @Test
  void attributeNamesAreTheClassNames() {
    assertThat(TokenAuthFilter.SERVICE_ATTRIBUTE).isEqualTo(TokenService.class.getName());
    assertThat(TokenAuthFilter.VERIFIED_TOKEN_ATTRIBUTE).isEqualTo(dev.tokenkit.VerifiedToken.class.getName());
  }

  @Test
  void builderWithoutRoutesSaysWhatToCall() {
    assertThatThrownBy(() -> TokenAuthFilter.builder(tokens).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("call routes(");
  }

  @Test
  void builderRejectsBadSettingsAtOnce() {
    TokenAuthFilter.Builder b = TokenAuthFilter.builder(tokens);
    assertThatThrownBy(() -> b.apiKeyHeader("Authorization")).hasMessageContaining("X-API-Key");
    assertThatThrownBy(() -> b.apiKeyHeader("X API Key")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.queryParameter("a&b")).hasMessageContaining("access_token");
    assertThatThrownBy(() -> b.realm("a\"b")).hasMessageContaining("realm");
    assertThatThrownBy(() -> b.retryAfter(Duration.ZERO)).hasMessageContaining("between 1 second and 1 day");
    assertThatThrownBy(() -> b.trustedProxies("10.0.0.1/8")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("did you mean 10.0.0.0/8");
    assertThatThrownBy(() -> b.failedAuthenticationLimit(0, Duration.ofMinutes(1), Duration.ZERO))
        .hasMessageContaining("e.g. 100 per minute");
    assertThatThrownBy(() -> b.failedAuthenticationLimit(5, Duration.ofMillis(10), Duration.ZERO))
        .hasMessageContaining("between 1 second and 1 day");
    assertThatThrownBy(() -> b.failedAuthenticationLimit(5, Duration.ofMinutes(1), Duration.ofMinutes(1)))
        .hasMessageContaining("between 0 and 10 seconds");
  }

  @Test
  void failedAuthenticationInitParametersAreValidated() throws Exception {
    assertThatThrownBy(() -> new TokenAuthFilter().init(config(Map.of("api.orders", "/x",
        "maxFailedAuthentications", "lots"), tokens)))
        .isInstanceOf(ServletException.class).hasMessageContaining("maxFailedAuthentications must be a whole number");
    TokenAuthFilter filter = new TokenAuthFilter();
    filter.init(config(Map.of("api.orders", "/x", "maxFailedAuthentications", "50",
        "failedAuthenticationWindowSeconds", "30", "failedAuthenticationDelayMillis", "0"), tokens));
    filter.destroy();
  }

  @Test
  void containerCreatedFilterWithoutServiceAttributeFailsToStartWithTheAttributeName() {
    TokenAuthFilter filter = new TokenAuthFilter();
    assertThatThrownBy(() -> filter.init(config(Map.of("api.orders", "/api/orders/**"), null)))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining(TokenAuthFilter.SERVICE_ATTRIBUTE)
        .hasMessageContaining("ServletContextListener");
    assertThatThrownBy(filter::routes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void unknownInitParameterIsNamed() {
    assertThatThrownBy(() -> new TokenAuthFilter().init(config(Map.of("api.orders", "/x", "publicPath", "/h"), tokens)))
        .isInstanceOf(ServletException.class).hasMessageContaining("unknown init parameter 'publicPath'");
  }

  @Test
  void initParametersWithoutApisAreRejected() {
    assertThatThrownBy(() -> new TokenAuthFilter().init(config(Map.of("publicPaths", "/h"), tokens)))
        .hasMessageContaining("api.orders = /api/orders");
  }

  @Test
  void badEnumInitParameterListsTheChoices() {
    assertThatThrownBy(() -> new TokenAuthFilter().init(config(Map.of("api.orders", "/x", "unmatched", "allow"), tokens)))
        .hasMessageContaining("[DENY, AUTHENTICATE, PERMIT]");
  }

  @Test
  void rejectTraceInitParameterTakesOnlyTrueOrFalse() {
    assertThatThrownBy(() -> new TokenAuthFilter().init(config(Map.of("api.orders", "/x", "rejectTrace", "no"), tokens)))
        .isInstanceOf(ServletException.class).hasMessageContaining("rejectTrace must be true or false");
  }

  @Test
  void initParametersBuildTheRoutes() throws Exception {
    TokenAuthFilter filter = new TokenAuthFilter();
    filter.init(config(Map.of("api.reports", "/api/reports/**", "api.orders", " /api/orders ,\n\t/api/orders/** ",
        "unmatched", "permit", "serviceAttribute", "my.tokens"), null, "my.tokens"));
    assertThat(filter.routes().apis()).extracting(ApiRoute::api).containsExactly("orders", "reports");
    assertThat(filter.routes().apis().get(0).patterns()).containsExactly("/api/orders", "/api/orders/**");
    assertThat(filter.routes().unmatched()).isEqualTo(UnmatchedPolicy.PERMIT);
  }

  private FilterConfig config(Map<String, String> params, TokenService service) {
    return config(params, service, TokenAuthFilter.SERVICE_ATTRIBUTE);
  }

  private FilterConfig config(Map<String, String> params, TokenService service, String attributeName) {
    Map<String, Object> attributes = new HashMap<>();
    if (service != null) {
      attributes.put(attributeName, service);
    } else if (!attributeName.equals(TokenAuthFilter.SERVICE_ATTRIBUTE)) {
      attributes.put(attributeName, tokens);
    }
    ServletContext context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
          if (method.getName().equals("getAttribute")) {
            return attributes.get((String) args[0]);
          }
          throw new UnsupportedOperationException(method.getName());
        });
    return new FilterConfig() {
      @Override
      public String getFilterName() {
        return "tokenkit";
      }

      @Override
      public ServletContext getServletContext() {
        return context;
      }

      @Override
      public String getInitParameter(String name) {
        return params.get(name);
      }

      @Override
      public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(params.keySet());
      }
    };
  }
}
