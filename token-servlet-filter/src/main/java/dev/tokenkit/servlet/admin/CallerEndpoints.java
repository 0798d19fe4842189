package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokenkit.AccessGrants;
import dev.tokenkit.Actor;
import dev.tokenkit.ManagementScope;
import dev.tokenkit.Role;
import dev.tokenkit.TokenService;
import dev.tokenkit.VerifiedToken;

/**
 * The caller's own endpoints: {@code GET /api/me} (who the caller is and what its {@link ManagementScope} allows,
 * which the console follows) and {@code POST /api/tokens/self/rotate} (a token rotates itself without management
 * rights). Stateless and thread-safe.
 */
final class CallerEndpoints {
  private final TokenService tokens;
  private final JsonViews views;

  CallerEndpoints(TokenService tokens, JsonViews views) {
    this.tokens = tokens;
    this.views = views;
  }

  void register(Router r) {
    r.add("GET", "/api/me", this::me)
        .add("POST", ManagementServlet.SELF_ROTATE_PATH, this::rotateSelf);
  }

  private ApiResponse rotateSelf(ApiCall c) {
    VerifiedToken self = c.token();
    if (self == null) {
      throw new HttpProblem(400, "no-token", "No token to rotate",
          "Self-rotation rotates the token that authenticates the request; send it as 'Authorization: Bearer <token>'");
    }
    return ApiResponse.ok(views.issued(tokens.rotateSelf(self, new JsonInput().grace(c.body()), c.actor().ip())));
  }

  private ApiResponse me(ApiCall c) {
    Actor actor = c.actor();
    ManagementScope scope = actor.scope();
    ObjectNode n = c.mapper().createObjectNode();
    n.put("actor", actor.name());
    VerifiedToken token = c.token();
    n.put("tokenId", token == null ? null : token.id());
    n.put("owner", token == null ? null : token.owner());
    ObjectNode s = n.putObject("scope");
    ArrayNode ops = s.putArray("operations");
    scope.operations().forEach(o -> ops.add(o.code()));
    s.put("read", scope.canRead());
    s.put("write", scope.canWrite());
    s.put("reach", scope.reach().name());
    s.put("full", scope.isFull());
    ArrayNode owners = s.putArray("owners");
    scope.owners().forEach(owners::add);
    String fixed = scope.reach() != ManagementScope.Reach.ALL && scope.owners().size() == 1
        ? scope.owners().iterator().next() : null;
    s.put("fixedOwner", fixed);
    ObjectNode cap = s.putObject("maxAccess");
    scope.maxAccess().asMap().forEach((api, level) -> cap.put(api, level.name()));
    ArrayNode roles = s.putArray("grantableRoles");
    String someOwner = scope.owners().isEmpty() ? actor.name() : scope.owners().iterator().next();
    for (Role role : tokens.roles().values()) {
      if (scope.grantExcess(someOwner, role, AccessGrants.none()) == null) {
        roles.add(role.name());
      }
    }
    return ApiResponse.ok(n);
  }
}
