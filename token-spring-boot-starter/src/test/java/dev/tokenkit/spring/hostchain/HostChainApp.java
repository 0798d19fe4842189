package dev.tokenkit.spring.hostchain;

import dev.tokenkit.spring.apps.OrdersController;
import dev.tokenkit.spring.security.TokenKitSecurity;
import java.security.Principal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A host with its own login (HTTP Basic here) and its own SecurityFilterChain, to which one line adds TokenKit. */
@SpringBootApplication
@Import(OrdersController.class)
public class HostChainApp {

  @Bean
  SecurityFilterChain app(HttpSecurity http, TokenKitSecurity tokenKit) throws Exception {
    tokenKit.configure(http);
    http.authorizeHttpRequests(a -> a.requestMatchers("/app/**").authenticated().anyRequest().permitAll())
        .httpBasic(Customizer.withDefaults());
    return http.build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("boss").password("{noop}boss-pw").roles("TOKEN_ADMIN").build(),
        User.withUsername("clerk").password("{noop}clerk-pw").roles("CLERK").build(),
        User.withUsername("audra").password("{noop}audra-pw").roles("TOKEN_AUDITOR").build());
  }

  /** The host's own pages behind its own login. */
  @RestController
  public static class AppController {
    @GetMapping("/app/hello")
    public String hello(Principal principal) {
      return "hello " + principal.getName();
    }
  }
}
