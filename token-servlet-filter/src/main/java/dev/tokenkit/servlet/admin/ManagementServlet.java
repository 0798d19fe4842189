package dev.tokenkit.servlet.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkit.Actor;
import dev.tokenkit.ApiNames;
import dev.tokenkit.InsufficientScopeException;
import dev.tokenkit.TokenKitException;
import dev.tokenkit.TokenService;
import dev.tokenkit.servlet.ApiRoute;
import dev.tokenkit.servlet.RouteRules;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.servlet.internal.ClientRules;
import dev.tokenkit.servlet.internal.ProblemTypes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TokenKit management API (JSON), its OpenAPI 3.1 document and the admin console, as one servlet that a host
 * mounts under a path such as {@code /admin/*}.
 *
 * <p>Below the mount: {@code /} is the console (plain HTML/CSS/JS from the jar), {@code /api/...} the JSON API
 * and {@code /api/openapi.json} its OpenAPI document. Only callers with token-management rights may call the API:
 * a token whose role manages tokens (the built-in {@code ADMIN} role; host roles with a narrower
 * {@link dev.tokenkit.ManagementScope}), or a request that the host's check accepts (for hosts with their own
 * login: {@linkplain Builder#hostAccess(Function) hostAccess} returns the signed-in user with its scope,
 * {@linkplain Builder#accessCheck(Predicate) accessCheck} gives full rights). Every call stays within the caller's
 * scope (403 {@code insufficient_scope} otherwise, audited); {@code GET /api/me} tells the console what the caller
 * may do, and {@code POST /api/tokens/self/rotate} lets any valid token rotate itself. The token is
 * taken from the request attribute {@code dev.tokenkit.VerifiedToken} when TokenKit's filter ran first, otherwise
 * read from the request by the filter's credential rules ({@linkplain Builder#authentication(TokenAuthFilter)
 * taken from the filter}; {@code Authorization: Bearer} only without one), which also give the client address
 * for authentication and the audit trail. Every response carries {@code Cache-Control: no-store}; errors are RFC
 * 9457 {@code application/problem+json} with {@code type} {@code urn:tokenkit:problem:<code>}, as the filter's;
 * POST and PATCH require {@code Content-Type: application/json} (415 otherwise), which also makes the API safe
 * from cross-site form posts.
 *
 * <p>Built by {@link #builder(TokenService)}; immutable and thread-safe once built. Never logs a secret. The host
 * owns the {@link TokenService}: the servlet never closes it.
 *
 * <pre>{@code
 * ManagementServlet admin = ManagementServlet.builder(tokenService)
 *     .authentication(tokenAuthFilter)   // credential and client-IP rules of the filter
 *     .api("orders", "/api/orders/*")
 *     .api("reports", "/api/reports/*")
 *     .build();
 * ServletRegistration.Dynamic reg = servletContext.addServlet("tokenkit-admin", admin);
 * reg.addMapping("/admin/*");
 * }</pre>
 */
public final class ManagementServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ManagementServlet.class);
  static final String OPENAPI_PATH = "/api/openapi.json";
  static final String SELF_ROTATE_PATH = "/api/tokens/self/rotate";

  private final transient ObjectMapper mapper = new ObjectMapper();
  private final transient Router router = new Router();
  private final transient AdminAccess access;
  private final transient StaticConsole console = new StaticConsole();
  private final transient OpenApiDocument openApi = new OpenApiDocument(mapper);
  private final boolean publicOpenApi;

  private ManagementServlet(Builder b) {
    this.access = new AdminAccess(b.tokens, b.hostAccess, b.clients);
    this.publicOpenApi = b.publicOpenApi;
    JsonViews json = new JsonViews(mapper, b.tokens);
    new CallerEndpoints(b.tokens, json).register(router); // before /api/tokens/{id}/rotate, which "self" would match
    new TokenEndpoints(b.tokens, json, Collections.unmodifiableMap(new LinkedHashMap<>(b.catalogue)))
        .register(router);
    new UsageEndpoints(b.tokens, json).register(router);
    new SharedSecretEndpoints(b.tokens.sharedSecrets(), mapper).register(router);
    new QuotaEndpoints(b.tokens).register(router);
    new ImportEndpoints(b.tokens, json).register(router);
    router.add("GET", OPENAPI_PATH, c -> ApiResponse.ok(openApi.forMount(c.mountPath())));
  }

  /**
   * A builder for a servlet over {@code tokens}.
   *
   * @param tokens the service; never {@code null}
   * @return the builder
   */
  public static Builder builder(TokenService tokens) {
    return new Builder(tokens);
  }

  /** @return every (method, path template) the API serves, for documentation checks */
  List<Router.Route> routes() {
    return router.routes();
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "no-referrer");
    String path = pathBelowMount(req);
    try {
      if (path.isEmpty()) {
        resp.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        resp.setHeader("Location", req.getRequestURI() + "/");
      } else if (path.equals("/api") || path.startsWith("/api/")) {
        api(req, resp, path);
      } else {
        console(req, resp, path);
      }
    } catch (RuntimeException e) {
      LOG.error("Management API request {} {} failed unexpectedly ({})", req.getMethod(), path, e.getClass().getName(), e);
      if (!resp.isCommitted()) {
        resp.resetBuffer();
        writeProblem(resp, new HttpProblem(500, "internal-error", "Internal error",
            "The request failed unexpectedly; the server log has the details"));
      }
    }
  }

  private void console(HttpServletRequest req, HttpServletResponse resp, String path) throws IOException {
    String name = path.equals("/") ? "index.html" : path.startsWith("/assets/") ? path.substring(8) : null;
    StaticConsole.Asset asset = name == null ? null : console.asset(name);
    if (asset == null) {
      writeProblem(resp, new HttpProblem(404, "not-found", "Not found",
          "Nothing here; the console is at the mount's root and the API under api/"));
      return;
    }
    String method = req.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      resp.setHeader("Allow", "GET, HEAD");
      writeProblem(resp, new HttpProblem(405, "method-not-allowed", "Method not allowed",
          "The console's files support GET and HEAD"));
      return;
    }
    resp.setHeader("Content-Security-Policy", StaticConsole.CONTENT_SECURITY_POLICY);
    resp.setHeader("X-Frame-Options", "DENY");
    resp.setContentType(asset.contentType());
    resp.setContentLength(asset.bytes().length);
    if (method.equals("GET")) {
      resp.getOutputStream().write(asset.bytes());
    }
  }

  private void api(HttpServletRequest req, HttpServletResponse resp, String path) throws IOException {
    String method = req.getMethod().toUpperCase(Locale.ROOT);
    try {
      if (publicOpenApi && path.equals(OPENAPI_PATH) && method.equals("GET")) {
        writeJson(resp, 200, openApi.forMount(mountPath(req)));
        return;
      }
      AdminAccess.Decision decision = access.decide(req, method.equals("POST") && path.equals(SELF_ROTATE_PATH));
      if (!decision.allowed()) {
        if (decision.challenge() != null) {
          resp.setHeader("WWW-Authenticate", decision.challenge());
        }
        writeProblem(resp, decision.refusal());
        return;
      }
      Router.Match match = router.match(method, path);
      JsonNode body = null;
      if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
        body = JsonBody.read(req);
      }
      ApiResponse response = match.route().endpoint()
          .handle(new ApiCall(req, match.params(), decision.actor(), decision.token(), mapper, body, mountPath(req)));
      if (response.location() != null) {
        resp.setHeader("Location", mountPath(req) + response.location());
      }
      if (response.body() == null) {
        resp.setStatus(response.status());
      } else {
        writeJson(resp, response.status(), response.body());
      }
    } catch (Router.MethodNotAllowed e) {
      resp.setHeader("Allow", e.allowHeader());
      writeProblem(resp, e.problem());
    } catch (HttpProblem p) {
      writeProblem(resp, p);
    } catch (TokenKitException e) {
      HttpProblem p = Problems.of(e);
      if (e instanceof InsufficientScopeException) {
        resp.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
      }
      if (p.status() >= 500) {
        LOG.warn("Management API {} {} failed: {}", method, path, e.toString());
      }
      writeProblem(resp, p);
    }
  }

  private void writeJson(HttpServletResponse resp, int status, JsonNode body) throws IOException {
    resp.setStatus(status);
    resp.setContentType("application/json");
    byte[] bytes = mapper.writeValueAsBytes(body);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  private void writeProblem(HttpServletResponse resp, HttpProblem p) throws IOException {
    resp.setStatus(p.status());
    resp.setContentType(ProblemTypes.CONTENT_TYPE);
    byte[] bytes = mapper.writeValueAsBytes(Problems.body(mapper, p));
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  /** The path below the mount: {@code ""} for the bare mount (which needs a trailing slash), else {@code /...}. */
  private static String pathBelowMount(HttpServletRequest req) {
    String info = req.getPathInfo();
    if (info != null) {
      return info;
    }
    HttpServletMapping mapping = req.getHttpServletMapping();
    if (mapping != null && mapping.getMappingMatch() == MappingMatch.DEFAULT) {
      return req.getServletPath().isEmpty() ? "/" : req.getServletPath();
    }
    if (mapping != null && mapping.getMappingMatch() == MappingMatch.CONTEXT_ROOT) {
      return "/";
    }
    return "";
  }

  private static String mountPath(HttpServletRequest req) {
    HttpServletMapping mapping = req.getHttpServletMapping();
    boolean prefix = mapping == null || mapping.getMappingMatch() == MappingMatch.PATH;
    return req.getContextPath() + (prefix ? req.getServletPath() : "");
  }

  /**
   * Builds a {@link ManagementServlet}. Setters validate at once; not thread-safe.
   */
  public static final class Builder {
    private final TokenService tokens;
    private final Map<String, List<String>> catalogue = new LinkedHashMap<>();
    private Function<HttpServletRequest, Actor> hostAccess;
    private ClientRules clients = ClientRules.DEFAULT;
    private boolean publicOpenApi = true;

    private Builder(TokenService tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Adds one API of the host's catalogue, shown by {@code GET /api/apis} and offered in the console's access
     * choices (seed "API URLs").
     *
     * @param name the API name as used in grants and route rules, e.g. {@code orders}
     * @param pathPatterns the host's path patterns of that API, e.g. {@code /api/orders/*}
     * @return this builder
     * @throws IllegalArgumentException when the name is malformed or already added
     */
    public Builder api(String name, String... pathPatterns) {
      return api(name, List.of(pathPatterns));
    }

    /**
     * Adds the APIs of a catalogue, in the map's iteration order.
     *
     * @param apis API name to its path patterns; never {@code null}
     * @return this builder
     * @throws IllegalArgumentException when a name is malformed or already added
     */
    public Builder apiCatalogue(Map<String, ? extends Collection<String>> apis) {
      Objects.requireNonNull(apis, "apis").forEach((name, patterns) -> api(name, List.copyOf(patterns)));
      return this;
    }

    /**
     * Adds the APIs of the authentication filter's route rules (name and path patterns, in declaration order), so
     * that the catalogue shown by {@code GET /api/apis} and the console is the one the filter enforces.
     *
     * <pre>{@code
     * RouteRules rules = RouteRules.builder().api("orders", "/api/orders/**").build();
     * ManagementServlet.builder(tokens).apiCatalogue(rules).build();
     * }</pre>
     *
     * @param rules the filter's rules; never {@code null}
     * @return this builder
     * @throws IllegalArgumentException when an API was already added
     */
    public Builder apiCatalogue(RouteRules rules) {
      for (ApiRoute route : Objects.requireNonNull(rules, "rules").apis()) {
        api(route.api(), route.patterns());
      }
      return this;
    }

    private Builder api(String name, List<String> patterns) {
      ApiNames.requireValid(name);
      if (catalogue.containsKey(name)) {
        throw new IllegalArgumentException("API '" + name + "' was already added; add each API once");
      }
      catalogue.put(name, List.copyOf(patterns));
      return this;
    }

    /**
     * A host check that grants full management rights ({@link dev.tokenkit.ManagementScope#full()}) to requests
     * the host has authenticated itself, e.g. a logged-in super administrator's session; the audited actor is the
     * request's principal name. Tokens whose role manages tokens are accepted regardless. Replaces a
     * {@link #hostAccess(Function)} check. The check runs on request threads and must be thread-safe.
     *
     * @param check returns {@code true} for requests that may manage every token; {@code null} for none
     * @return this builder
     */
    public Builder accessCheck(Predicate<HttpServletRequest> check) {
      this.hostAccess = check == null ? null : AdminAccess.fullRightsFor(check);
      return this;
    }

    /**
     * A host check for hosts with their own login (a session, Spring Security): it returns the signed-in user as
     * the audited {@link Actor}, carrying what that user may do ({@link Actor#withScope}), or {@code null} when
     * the request is not signed in or may not manage tokens. The servlet fills in the client IP when the actor
     * has none. Tokens whose role manages tokens are accepted first, with their own scope. Replaces an
     * {@link #accessCheck(Predicate)}. The check runs on request threads and must be thread-safe.
     *
     * <pre>{@code
     * .hostAccess(req -> {
     *   User u = (User) req.getSession(false) == null ? null : req.getSession(false).getAttribute("user");
     *   if (u == null) return null;
     *   ManagementScope scope = u.isSuperAdmin() ? ManagementScope.full()
     *       : u.isAuditor() ? ManagementScope.readOnly()
     *       : ManagementScope.ownTokens(u.name(), u.apiAccess());   // self-service, capped at the user's access
     *   return Actor.of(u.name()).withScope(scope);
     * })
     * }</pre>
     *
     * @param check returns the caller as an actor with its scope, or {@code null}; {@code null} for no check
     * @return this builder
     */
    public Builder hostAccess(Function<HttpServletRequest, Actor> check) {
      this.hostAccess = check;
      return this;
    }

    /**
     * Reads credentials and client addresses by the rules of TokenKit's authentication filter, so they are
     * configured in one place: the same credential parser (the API-key header and, if enabled, the query
     * parameter count; two credentials are a 400) and the same client-address resolution (trusted proxies and
     * forwarding header) for authentication and for the audit trail. Without it the servlet reads only
     * {@code Authorization: Bearer} and takes the socket peer as the client address.
     *
     * <pre>{@code
     * TokenAuthFilter filter = TokenAuthFilter.builder(tokens).routes(rules)
     *     .apiKeyHeader("X-API-Key").trustedProxies("10.0.0.0/8").build();
     * ManagementServlet admin = ManagementServlet.builder(tokens).authentication(filter).apiCatalogue(rules).build();
     * }</pre>
     *
     * @param filter a filter built with {@link TokenAuthFilter#builder} or already initialised by the container;
     *     never {@code null}
     * @return this builder
     * @throws IllegalStateException when a container-created filter is not initialised yet
     */
    public Builder authentication(TokenAuthFilter filter) {
      this.clients = Objects.requireNonNull(filter, "filter").clientRules();
      return this;
    }

    /**
     * Whether {@code GET /api/openapi.json} is served without credentials (default {@code true}, so API
     * documentation tools such as Swagger UI can load it; it holds no data, only the API's description).
     *
     * @param isPublic {@code false} to require management rights for the document too
     * @return this builder
     */
    public Builder publicOpenApi(boolean isPublic) {
      this.publicOpenApi = isPublic;
      return this;
    }

    /**
     * Builds the servlet.
     *
     * @return the servlet, ready to register with a servlet container
     */
    public ManagementServlet build() {
      return new ManagementServlet(this);
    }
  }
}
