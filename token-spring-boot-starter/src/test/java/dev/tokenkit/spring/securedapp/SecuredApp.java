package dev.tokenkit.spring.securedapp;

import dev.tokenkit.servlet.TokenPrincipal;
import dev.tokenkit.spring.apps.OrdersController;
import dev.tokenkit.spring.security.TokenAuthentication;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A host application with Spring Security and no SecurityFilterChain of its own: the starter's default chain. */
@SpringBootApplication
@EnableMethodSecurity
@Import(OrdersController.class)
public class SecuredApp {

  /** Controllers that use Spring Security's view of the caller. */
  @RestController
  public static class SecuredController {
    @GetMapping("/api/orders/me")
    public Map<String, Object> me(@AuthenticationPrincipal TokenPrincipal caller, Authentication authentication) {
      return Map.of("owner", caller.getName(), "tokenId", caller.token().id(),
          "authentication", authentication.getClass().getSimpleName(),
          "token", ((TokenAuthentication) authentication).getToken().id(),
          "authorities", authentication.getAuthorities().stream().map(Object::toString).sorted()
              .collect(Collectors.toList()));
    }

    @GetMapping("/api/orders/readonly-only")
    @PreAuthorize("hasRole('READONLY')")
    public Map<String, Object> readonlyOnly() {
      return Map.of("ok", true);
    }
  }
}
