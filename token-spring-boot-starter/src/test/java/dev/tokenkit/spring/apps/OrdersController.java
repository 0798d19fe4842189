package dev.tokenkit.spring.apps;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The host's API: reports what the request tells about its caller. */
@RestController
public class OrdersController {

  @GetMapping({"/api/orders", "/api/reports"})
  public Map<String, Object> whoAmI(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("principal", principal == null ? null : principal.getName());
    body.put("principalType", principal == null ? null : principal.getClass().getSimpleName());
    body.put("remoteUser", request.getRemoteUser());
    body.put("readonly", request.isUserInRole("READONLY"));
    body.put("admin", request.isUserInRole("ADMIN"));
    return body;
  }

  @PostMapping("/api/orders")
  public Map<String, Object> create(HttpServletRequest request) {
    return Map.of("created", true, "by", request.getRemoteUser());
  }

  @GetMapping("/public/ping")
  public Map<String, Object> ping() {
    return Map.of("pong", true);
  }
}
