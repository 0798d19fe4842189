package dev.tokenkit.examples.spring;

import dev.tokenkit.servlet.TokenPrincipal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The sample's APIs: {@code orders} (read and write) and {@code reports} (read-only role only). */
@RestController
public class OrdersController {
  private final List<Map<String, Object>> orders = new CopyOnWriteArrayList<>();

  /**
   * Lists the orders; any token with READ on {@code orders}.
   *
   * @param caller the verified token's principal
   * @return the caller and the orders
   */
  @GetMapping("/api/orders")
  public Map<String, Object> list(@AuthenticationPrincipal TokenPrincipal caller) {
    return Map.of("caller", caller.getName(), "orders", List.copyOf(orders));
  }

  /**
   * Adds an order; tokens with FULL on {@code orders}. Bearer requests need no CSRF token.
   *
   * @param order the order
   * @param caller the verified token's principal
   * @return the stored order
   */
  @PostMapping("/api/orders")
  @ResponseStatus(HttpStatus.CREATED)
  public Map<String, Object> create(@RequestBody Map<String, Object> order, @AuthenticationPrincipal TokenPrincipal caller) {
    Map<String, Object> stored = Map.of("item", String.valueOf(order.get("item")), "by", caller.getName());
    orders.add(stored);
    return stored;
  }

  /**
   * A report for read-only integrations: READ on {@code reports} (route rule) and the READONLY role
   * ({@code @PreAuthorize}).
   *
   * @return the report
   */
  @GetMapping({"/api/reports", "/api/reports/daily"})
  @PreAuthorize("hasRole('READONLY')")
  public Map<String, Object> daily() {
    return Map.of("orders", orders.size());
  }
}
