package dev.tokenkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.VerifiedToken;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The sample {@code orders} API: {@code GET /api/orders} lists, {@code POST /api/orders} creates. Thread-safe. */
final class OrdersServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final transient CopyOnWriteArrayList<ObjectNode> orders = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    ArrayNode items = JSON.createArrayNode();
    orders.forEach(items::add);
    ObjectNode body = JSON.createObjectNode();
    body.set("items", items);
    Json.write(resp, 200, body);
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    JsonNode input;
    try {
      input = JSON.readTree(req.getInputStream());
    } catch (IOException e) {
      input = null;
    }
    ObjectNode order = JSON.createObjectNode();
    order.put("id", ids.incrementAndGet());
    order.put("item", input != null && input.hasNonNull("item") ? input.get("item").asText() : "unnamed");
    VerifiedToken caller = (VerifiedToken) req.getAttribute(VerifiedToken.class.getName());
    order.put("createdBy", caller != null ? caller.owner() : "unknown");
    orders.add(order);
    Json.write(resp, 201, order);
  }
}
