package dev.tokenkit.spring.forgetful;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** A host chain without TokenKit must not start: TokenKit's APIs would be unprotected. */
@Tag("starter")
class ForgetfulHostStarterTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class ForgetfulApp {
    @Bean
    SecurityFilterChain app(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }
  }

  @Test
  void aHostChainWithoutTokenKitStopsTheStartWithAFix() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(ForgetfulApp.class).web(WebApplicationType.SERVLET)
        .properties("server.port=0", "tokenkit.store.type=memory", "tokenkit.filter.apis.orders=/api/orders/**")
        .run().close())
        .hasStackTraceContaining("call tokenKit.configure(http)");
  }
}
