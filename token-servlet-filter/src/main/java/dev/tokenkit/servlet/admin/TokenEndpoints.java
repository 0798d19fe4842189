package dev.tokenkit.servlet.admin;

import dev.tokenkit.AuditQuery;
import dev.tokenkit.Page;
import dev.tokenkit.Token;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The token, owner, catalogue, policy and audit endpoints of the management API. Stateless and thread-safe. */
final class TokenEndpoints {
  private final TokenService tokens;
  private final JsonViews views;
  private final Map<String, List<String>> catalogue;

  TokenEndpoints(TokenService tokens, JsonViews views, Map<String, List<String>> catalogue) {
    this.tokens = tokens;
    this.views = views;
    this.catalogue = catalogue;
  }

  void register(Router r) {
    r.add("GET", "/api/tokens", this::list)
        .add("POST", "/api/tokens", this::issue)
        .add("GET", "/api/tokens/{id}", c -> ApiResponse.ok(views.token(tokens.get(c.actor(), c.param("id")))))
        .add("PATCH", "/api/tokens/{id}", this::update)
        .add("DELETE", "/api/tokens/{id}", this::delete)
        .add("POST", "/api/tokens/{id}/rotate", this::rotate)
        .add("POST", "/api/tokens/{id}/regenerate", this::regenerate)
        .add("POST", "/api/tokens/{id}/disable", c -> noBody(c,
            () -> ApiResponse.ok(views.token(tokens.disable(c.actor(), c.param("id"))))))
        .add("POST", "/api/tokens/{id}/enable", c -> noBody(c,
            () -> ApiResponse.ok(views.token(tokens.enable(c.actor(), c.param("id"))))))
        .add("POST", "/api/tokens/{id}/revoke", c -> noBody(c,
            () -> ApiResponse.ok(views.token(tokens.revoke(c.actor(), c.param("id"))))))
        .add("POST", "/api/owners/revoke-all", this::revokeAllNamed)
        .add("POST", "/api/owners/{owner}/revoke-all", this::revokeAll)
        .add("GET", "/api/apis", c -> ApiResponse.ok(views.catalogue(catalogue)))
        .add("GET", "/api/policy", c -> ApiResponse.ok(views.policy(tokens.expiryPolicy(), tokens.roles().values())))
        .add("GET", "/api/audit", this::audit);
  }

  private ApiResponse list(ApiCall c) {
    JsonInput in = new JsonInput();
    var status = in.status(c.query("status"));
    Instant before = in.instant("expiringBefore", c.query("expiringBefore"));
    int limit = in.limit(c.query("limit"), TokenQuery.DEFAULT_LIMIT, TokenQuery.MAX_LIMIT);
    in.throwIfInvalid();
    TokenQuery q = new TokenQuery(c.query("owner"), status, before, c.query("cursor"), limit);
    Page<Token> page = tokens.list(c.actor(), q);
    return ApiResponse.ok(views.tokenPage(page.items(), page.nextCursor()));
  }

  private ApiResponse issue(ApiCall c) {
    IssuedToken issued = tokens.issue(c.actor(), new JsonInput().issueRequest(c.body()));
    return ApiResponse.created(views.issued(issued), "/api/tokens/" + issued.token().id());
  }

  private ApiResponse update(ApiCall c) {
    return ApiResponse.ok(views.token(tokens.update(c.actor(), c.param("id"), new JsonInput().tokenUpdate(c.body()))));
  }

  private ApiResponse delete(ApiCall c) {
    tokens.delete(c.actor(), c.param("id"));
    return ApiResponse.noContent();
  }

  private ApiResponse rotate(ApiCall c) {
    return ApiResponse.ok(views.issued(tokens.rotate(c.actor(), c.param("id"), new JsonInput().grace(c.body()))));
  }

  private ApiResponse regenerate(ApiCall c) {
    return ApiResponse.ok(views.issued(
        tokens.regenerate(c.actor(), c.param("id"), new JsonInput().regenerateExpiration(c.body()))));
  }

  private ApiResponse revokeAll(ApiCall c) {
    return noBody(c, () -> {
      int n = tokens.revokeAll(c.actor(), c.param("owner"));
      return ApiResponse.ok(c.mapper().createObjectNode().put("revoked", n));
    });
  }

  /**
   * Revoke all for an owner named in the body ({@code {"owner": "..."}}) or the query ({@code ?owner=...}), so that
   * every owner that can be created can be addressed, including owners a path segment cannot carry ({@code /},
   * {@code %}, {@code ;}, {@code \}, {@code .}, {@code ..}).
   */
  private ApiResponse revokeAllNamed(ApiCall c) {
    String owner = new JsonInput().owner(c.body(), c.query("owner"));
    int n = tokens.revokeAll(c.actor(), owner);
    return ApiResponse.ok(c.mapper().createObjectNode().put("revoked", n));
  }

  private ApiResponse audit(ApiCall c) {
    JsonInput in = new JsonInput();
    int limit = in.limit(c.query("limit"), TokenQuery.DEFAULT_LIMIT, TokenQuery.MAX_LIMIT);
    in.throwIfInvalid();
    Page<AuditEvent> page = tokens.audit(c.actor(), new AuditQuery(c.query("tokenId"), c.query("cursor"), limit));
    return ApiResponse.ok(views.auditPage(page.items(), page.nextCursor()));
  }

  /** Operations without parameters accept an empty body or {} and refuse fields, so typos are not ignored. */
  private static ApiResponse noBody(ApiCall c, java.util.function.Supplier<ApiResponse> op) {
    JsonInput in = new JsonInput();
    in.unknownFields(c.body(), Set.of());
    in.throwIfInvalid();
    return op.get();
  }
}
