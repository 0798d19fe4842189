package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.InsufficientScopeException;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import dev.tokenkit.sharedsecret.SharedSecret;
import dev.tokenkit.sharedsecret.SharedSecrets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared-secret endpoints of the management API (seed 001's "API shared secret"): create, list (never a value),
 * reveal (audited), rotate with an overlap, delete. Stateless and thread-safe.
 */
final class SharedSecretEndpoints {
  private final SharedSecrets secrets;
  private final ObjectMapper mapper;

  SharedSecretEndpoints(SharedSecrets secrets, ObjectMapper mapper) {
    this.secrets = secrets;
    this.mapper = mapper;
  }

  void register(Router r) {
    r.add("GET", "/api/shared-secrets", c -> ApiResponse.ok(list(c)))
        .add("POST", "/api/shared-secrets", this::create)
        .add("GET", "/api/shared-secrets/{id}", c -> ApiResponse.ok(view(secrets.get(fullScope(c).param("id")))))
        .add("DELETE", "/api/shared-secrets/{id}", this::delete)
        .add("POST", "/api/shared-secrets/{id}/reveal", this::reveal)
        .add("POST", "/api/shared-secrets/{id}/rotate", this::rotate);
  }

  /** Reading shared secrets' metadata also needs the full scope: they belong to no owner. */
  private static ApiCall fullScope(ApiCall c) {
    if (!c.actor().scope().isFull()) {
      throw new InsufficientScopeException("the full management scope (API shared secrets belong to no owner)");
    }
    return c;
  }

  private ObjectNode list(ApiCall c) {
    fullScope(c);
    ObjectNode n = mapper.createObjectNode();
    ArrayNode items = n.putArray("items");
    secrets.list().forEach(s -> items.add(view(s)));
    return n;
  }

  private ApiResponse create(ApiCall c) {
    CreatedSharedSecret created = secrets.create(c.actor(), new JsonInput().sharedSecretName(c.body()));
    return ApiResponse.created(created(created), "/api/shared-secrets/" + created.sharedSecret().id());
  }

  private ApiResponse reveal(ApiCall c) {
    noFields(c);
    ObjectNode n = mapper.createObjectNode();
    n.put("secret", secrets.reveal(c.actor(), c.param("id")).reveal());
    return ApiResponse.ok(n);
  }

  private ApiResponse rotate(ApiCall c) {
    return ApiResponse.ok(created(secrets.rotate(c.actor(), c.param("id"), new JsonInput().grace(c.body()))));
  }

  private ApiResponse delete(ApiCall c) {
    secrets.delete(c.actor(), c.param("id"));
    return ApiResponse.noContent();
  }

  private ObjectNode created(CreatedSharedSecret created) {
    ObjectNode n = mapper.createObjectNode();
    n.set("sharedSecret", view(created.sharedSecret()));
    n.put("secret", created.secret().reveal());
    return n;
  }

  /** The JSON of a shared secret: metadata only, never a value. */
  ObjectNode view(SharedSecret s) {
    ObjectNode n = mapper.createObjectNode();
    n.put("id", s.id());
    n.put("name", s.name());
    n.put("createdAt", text(s.createdAt()));
    n.put("updatedAt", text(s.updatedAt()));
    n.put("previousValidUntil", text(s.previousValidUntil()));
    n.put("version", s.version());
    return n;
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  private static void noFields(ApiCall c) {
    if (c.body().size() > 0) {
      Map<String, String> errors = new LinkedHashMap<>();
      c.body().fieldNames().forEachRemaining(f -> errors.put(f, "unknown field '" + f + "'; this operation takes no "
          + "fields"));
      throw HttpProblem.invalid(errors);
    }
  }
}
