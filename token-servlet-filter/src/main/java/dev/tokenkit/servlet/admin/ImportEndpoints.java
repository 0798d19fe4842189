package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.Token;
import dev.tokenkit.TokenService;
import dev.tokenkit.imports.KeyImport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/tokens/import}: imports a key from another system, with the issue fields (name, owner, role,
 * access, expiration, ...) and exactly one of {@code key} (plain text), {@code sha256} (hex or Base64) or
 * {@code argon2id} with {@code lookupPrefix}. Answers 201 with the token (no secret: the caller has the key). No
 * error message repeats the key or its hash. Stateless and thread-safe.
 */
final class ImportEndpoints {
  private static final Set<String> KEY_FIELDS = Set.of("key", "sha256", "argon2id", "lookupPrefix");

  private final TokenService tokens;
  private final JsonViews views;

  ImportEndpoints(TokenService tokens, JsonViews views) {
    this.tokens = tokens;
    this.views = views;
  }

  void register(Router r) {
    r.add("POST", "/api/tokens/import", this::importKey);
  }

  private ApiResponse importKey(ApiCall c) {
    ObjectNode body = c.body();
    ObjectNode issueFields = body.deepCopy();
    KEY_FIELDS.forEach(issueFields::remove);
    KeyImport key = keyOf(body);
    IssueRequest request = new JsonInput().issueRequest(issueFields);
    Token token = tokens.importKey(c.actor(), request, key);
    return ApiResponse.created(views.token(token), "/api/tokens/" + token.id());
  }

  private static KeyImport keyOf(ObjectNode body) {
    Map<String, String> errors = new LinkedHashMap<>();
    String key = text(body, "key", errors);
    String sha256 = text(body, "sha256", errors);
    String argon2id = text(body, "argon2id", errors);
    String prefix = text(body, "lookupPrefix", errors);
    int given = (key == null ? 0 : 1) + (sha256 == null ? 0 : 1) + (argon2id == null ? 0 : 1);
    if (errors.isEmpty() && given != 1) {
      errors.put("key", "give exactly one of key (plain text), sha256 (hex or Base64) or argon2id (with lookupPrefix)");
    } else if (errors.isEmpty() && prefix != null && argon2id == null) {
      errors.put("lookupPrefix", "lookupPrefix goes only with argon2id");
    } else if (errors.isEmpty() && argon2id != null && prefix == null) {
      errors.put("lookupPrefix", "argon2id needs lookupPrefix: the key's first 6 to 64 characters");
    }
    if (!errors.isEmpty()) {
      throw HttpProblem.invalid(errors);
    }
    String field = key != null ? "key" : sha256 != null ? "sha256" : "argon2id";
    try {
      return key != null ? KeyImport.plainText(key) : sha256 != null ? KeyImport.sha256(sha256)
          : KeyImport.argon2id(argon2id, prefix);
    } catch (IllegalArgumentException e) {
      // the messages of KeyImport describe the expected shape and never contain the value
      throw HttpProblem.invalid(Map.of(e.getMessage().startsWith("lookupPrefix") ? "lookupPrefix" : field,
          e.getMessage()));
    }
  }

  private static String text(ObjectNode body, String field, Map<String, String> errors) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      errors.put(field, field + " must be a string");
      return null;
    }
    return n.asText();
  }
}
