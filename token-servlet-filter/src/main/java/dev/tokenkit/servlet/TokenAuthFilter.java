package dev.tokenkit.servlet;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.IpRange;
import dev.tokenkit.TokenService;
import dev.tokenkit.VerifiedToken;
import dev.tokenkit.ratelimit.RateLimits;
import dev.tokenkit.servlet.internal.ClientIpResolver;
import dev.tokenkit.servlet.internal.ClientRules;
import dev.tokenkit.servlet.internal.Credentials;
import dev.tokenkit.servlet.internal.FailedAuthentications;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates requests to the host application's APIs with TokenKit tokens (Jakarta Servlet 6).
 *
 * <p>For each request the filter checks the path (ambiguous paths get 400), finds the API in the
 * {@link RouteRules} (public paths pass through; unmatched paths follow {@link UnmatchedPolicy}), reads exactly one
 * credential ({@code Authorization: Bearer}, optionally an API-key header or, if enabled, a query parameter),
 * resolves the client IP (the socket peer; forwarding headers only from trusted proxies) and calls
 * {@link TokenService#authenticate}. The access level comes from the method: GET, HEAD, OPTIONS need READ,
 * anything else FULL. Answers:
 *
 * <ul>
 *   <li>verified: the chain continues with {@code getUserPrincipal()} ({@link TokenPrincipal}),
 *       {@code isUserInRole(role name)}, {@code getAuthType()} = {@code "Bearer"} and the request attribute
 *       {@link #VERIFIED_TOKEN_ATTRIBUTE}; an old secret in a rotation grace period adds {@code Deprecation} and
 *       {@code Sunset} response headers;
 *   <li>no credentials: 401 {@code WWW-Authenticate: Bearer};
 *   <li>a token not accepted for any reason: 401 {@code Bearer error="invalid_token"} (the reason is not revealed);
 *   <li>two credentials, repeated headers or malformed values: 400 {@code invalid_request};
 *   <li>missing access: 403 {@code insufficient_scope};
 *   <li>a rate limit exhausted ({@link Builder#rateLimits}): 429 with {@code Retry-After}, {@code RateLimit-Policy}
 *       and {@code RateLimit};
 *   <li>store down and token not cached: 503 with {@code Retry-After};
 *   <li>{@code TRACE} or {@code TRACK} on any path, public ones included: 405 before anything else, so that no
 *       container echoes the request's credentials ({@link Builder#rejectTrace(boolean)}).
 * </ul>
 *
 * <p>Error bodies are fixed RFC 9457 {@code application/problem+json} texts (type
 * {@code urn:tokenkit:problem:<code>}) with {@code Cache-Control: no-store}; they never echo the request. The
 * management servlet reads credentials and client addresses by this filter's rules when built with
 * {@code ManagementServlet.builder(tokens).authentication(filter)}. Register the filter for every dispatcher type
 * (REQUEST, FORWARD, INCLUDE, ERROR, ASYNC) so that forwards and error pages to protected paths are checked too.
 *
 * <p>Built from code with {@link #builder(TokenService)}, or created by the container (web.xml) with the public
 * no-argument constructor; it then reads its init parameters and takes the {@link TokenService} from the
 * servlet-context attribute {@link #SERVICE_ATTRIBUTE}. Thread-safe once initialised.
 *
 * <pre>{@code
 * TokenAuthFilter filter = TokenAuthFilter.builder(tokens)
 *     .routes(RouteRules.builder().api("orders", "/api/orders", "/api/orders/**").publicPaths("/health").build())
 *     .apiKeyHeader("X-API-Key")
 *     .build();
 * servletContext.addFilter("tokenkit", filter)
 *     .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), false, "/*");
 * }</pre>
 */
public final class TokenAuthFilter implements Filter {
  /** Request attribute holding the {@link VerifiedToken}: {@value}, the class name of {@code VerifiedToken}. */
  public static final String VERIFIED_TOKEN_ATTRIBUTE = "dev.tokenkit.VerifiedToken";
  /** Servlet-context attribute where a container-created filter finds its {@link TokenService}: {@value}, the class name of {@code TokenService}. */
  public static final String SERVICE_ATTRIBUTE = "dev.tokenkit.TokenService";

  private static final Logger LOG = LoggerFactory.getLogger(TokenAuthFilter.class);

  private volatile FilterSettings settings;

  /**
   * For containers (web.xml, {@code @WebFilter}-less registration by class): configure through init parameters,
   * see {@link #init(FilterConfig)}. From code use {@link #builder(TokenService)}.
   */
  public TokenAuthFilter() {
    this.settings = null;
  }

  private TokenAuthFilter(FilterSettings settings) {
    this.settings = settings;
  }

  /**
   * A builder for configuration from code.
   *
   * @param service the token service; never {@code null}
   * @return the builder
   */
  public static Builder builder(TokenService service) {
    return new Builder(Objects.requireNonNull(service, "service"));
  }

  /**
   * Reads the init parameters when the filter was created by the container; a filter built with
   * {@link #builder(TokenService)} ignores them. Parameters: {@code api.<name>} (patterns separated by commas or
   * whitespace), {@code publicPaths}, {@code unmatched} (DENY, AUTHENTICATE, PERMIT), {@code apiKeyHeader},
   * {@code queryParameter}, {@code trustedProxies} (CIDRs), {@code forwardedHeader} (X-Forwarded-For or
   * Forwarded), {@code retryAfterSeconds}, {@code principalName} (OWNER, TOKEN_ID), {@code realm},
   * {@code rejectTrace} (true, false; default true), {@code maxSignedBodyBytes} and {@code serviceAttribute}
   * (default {@value #SERVICE_ATTRIBUTE}).
   *
   * @param config the filter configuration
   * @throws ServletException when a parameter is invalid or unknown, or no TokenService is in the context
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (settings == null) {
      settings = InitParams.read(config);
      LOG.info("TokenKit filter '{}' configured from init parameters: {}", config.getFilterName(), settings.rules);
    }
  }

  /**
   * How this filter identifies a request's client: its credential rules ({@code Authorization: Bearer}, the
   * API-key header, the query parameter) and its client-address rules (trusted proxies, forwarding header).
   * {@code ManagementServlet.Builder.authentication(filter)} takes them from here, so a host configures them once.
   * The returned type is internal to TokenKit.
   *
   * @return the rules
   * @throws IllegalStateException when a container-created filter is not initialised yet
   */
  public ClientRules clientRules() {
    return settings().clients;
  }

  /**
   * The route rules in force, e.g. to build an API catalogue.
   *
   * @return the rules
   * @throws IllegalStateException when a container-created filter is not initialised yet
   */
  public RouteRules routes() {
    return settings().rules;
  }

  private FilterSettings settings() {
    FilterSettings s = settings;
    if (s == null) {
      throw new IllegalStateException("TokenAuthFilter is not initialised: let the container call init(FilterConfig)"
          + " or build it with TokenAuthFilter.builder(tokenService)");
    }
    return s;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    FilterSettings s = settings();
    DispatcherType type = request.getDispatcherType();
    if (s.rejectTrace && TraceMethods.isTrace(request.getMethod())) {
      s.writer.deny(type, response, Problem.TRACE_NOT_ALLOWED);
      return;
    }
    String path;
    try {
      if (type == DispatcherType.REQUEST && !PathGuard.isSafeRaw(request.getRequestURI())) {
        s.writer.deny(type, response, Problem.AMBIGUOUS_PATH);
        return;
      }
      path = PathGuard.pathOf(request, type);
    } catch (RuntimeException containerRejected) {
      s.writer.deny(type, response, Problem.AMBIGUOUS_PATH);
      return;
    }
    if (!PathGuard.isSafeDecoded(path)) {
      s.writer.deny(type, response, Problem.AMBIGUOUS_PATH);
      return;
    }
    String api = s.rules.match(path);
    if (api == RouteRules.PUBLIC) {
      HandlerCall.invoke(s.writer, chain, request, response);
      return;
    }
    if (api == null) {
      switch (s.rules.unmatched()) {
        case PERMIT:
          HandlerCall.invoke(s.writer, chain, request, response);
          return;
        case DENY:
          s.writer.deny(type, response, Problem.NOT_FOUND);
          return;
        default:
          break; // AUTHENTICATE: any valid token
      }
    }
    AccessLevel level = levelFor(request.getMethod());
    if (type != DispatcherType.REQUEST && request.getAttribute(VERIFIED_TOKEN_ATTRIBUTE) instanceof VerifiedToken t) {
      // a forward, include, error or async dispatch of a request this filter already verified
      if (api == null || t.allows(api, level)) {
        HandlerCall.invoke(s.writer, chain, request, response);
      } else {
        s.writer.deny(type, response, Problem.INSUFFICIENT_SCOPE);
      }
      return;
    }
    TokenCheck.authenticate(s, type, request, response, chain, api, level);
  }

  /** GET, HEAD, OPTIONS need READ; everything else, including lower-case spellings, needs FULL. */
  static AccessLevel levelFor(String method) {
    if (method == null || !method.equals(method.toUpperCase(java.util.Locale.ROOT))) {
      return AccessLevel.FULL;
    }
    return AccessLevel.forHttpMethod(method);
  }

  @Override
  public void destroy() {
    // the TokenService belongs to the host application, which closes it
    FilterSettings s = settings;
    if (s != null && s.failures != null) {
      s.failures.close();
    }
  }

  /** Configures a {@link TokenAuthFilter}; not thread-safe. Every method validates at once. */
  public static final class Builder {
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern REALM = Pattern.compile("[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]{1,128}");

    private final TokenService service;
    private RouteRules routes;
    private String apiKeyHeader;
    private String queryParameter;
    private final List<IpRange> trustedProxies = new ArrayList<>();
    private ForwardedHeader forwardedHeader = ForwardedHeader.X_FORWARDED_FOR;
    private Duration retryAfter = Duration.ofSeconds(5);
    private PrincipalName principalName = PrincipalName.OWNER;
    private String realm;
    private Clock clock = Clock.systemUTC();
    private boolean rejectTrace = true;
    private int maxSignedBodyBytes = 1024 * 1024;
    private int maxFailures;
    private Duration failureWindow;
    private Duration failureDelay;
    private RateLimits rateLimits;

    private Builder(TokenService service) {
      this.service = service;
    }

    /**
     * The route rules (required).
     *
     * @param rules built with {@link RouteRules#builder()}; never {@code null}
     * @return this builder
     */
    public Builder routes(RouteRules rules) {
      this.routes = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /**
     * Also accept the bare token in this header, e.g. {@code X-API-Key}. Sending it together with
     * {@code Authorization: Bearer} is a 400.
     *
     * @param headerName the header name, or {@code null} to accept only {@code Authorization}
     * @return this builder
     * @throws IllegalArgumentException when the name is not a plain header name or is {@code Authorization}
     */
    public Builder apiKeyHeader(String headerName) {
      if (headerName != null && (!HEADER_NAME.matcher(headerName).matches()
          || headerName.equalsIgnoreCase("Authorization"))) {
        throw new IllegalArgumentException("API key header '" + headerName + "' must be a plain header name other"
            + " than Authorization (letters, digits and '-'), e.g. X-API-Key");
      }
      this.apiKeyHeader = headerName;
      return this;
    }

    /**
     * Also accept the token in this query parameter (RFC 6750 §2.3). Off by default: URLs end up in logs,
     * browser history and Referer headers. Only enable it for clients that cannot send headers.
     *
     * @param name the parameter name, e.g. {@code access_token}, or {@code null} to disable
     * @return this builder
     * @throws IllegalArgumentException when the name has characters other than letters, digits, '_', '.', '-'
     */
    public Builder queryParameter(String name) {
      if (name != null && !PARAMETER_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("Query parameter name '" + name + "' must be 1-64 letters, digits, '_',"
            + " '.' or '-', e.g. access_token");
      }
      this.queryParameter = name;
      return this;
    }

    /**
     * Reverse proxies whose forwarding header is trusted (replaces earlier ones).
     *
     * @param cidrs CIDR ranges or addresses, e.g. {@code 10.0.0.0/8}, {@code ::1}
     * @return this builder
     * @throws dev.tokenkit.InvalidInputException when a range is not valid CIDR notation
     */
    public Builder trustedProxies(String... cidrs) {
      List<IpRange> parsed = new ArrayList<>();
      for (String c : cidrs) {
        parsed.add(IpRange.parse(Objects.requireNonNull(c, "cidr")));
      }
      trustedProxies.clear();
      trustedProxies.addAll(parsed);
      return this;
    }

    /**
     * Which forwarding header the trusted proxies write; default {@link ForwardedHeader#X_FORWARDED_FOR}.
     *
     * @param header the header; never {@code null}
     * @return this builder
     */
    public Builder forwardedHeader(ForwardedHeader header) {
      this.forwardedHeader = Objects.requireNonNull(header, "header");
      return this;
    }

    /**
     * The {@code Retry-After} of 503 answers; default 5 seconds.
     *
     * @param delay 1 second to 1 day, rounded to whole seconds
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder retryAfter(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.compareTo(Duration.ofSeconds(1)) < 0 || delay.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("retryAfter must be between 1 second and 1 day, e.g. Duration.ofSeconds(5)");
      }
      this.retryAfter = Duration.ofSeconds(delay.toSeconds());
      return this;
    }

    /**
     * What the principal name is; default {@link PrincipalName#OWNER}.
     *
     * @param naming the choice; never {@code null}
     * @return this builder
     */
    public Builder principalName(PrincipalName naming) {
      this.principalName = Objects.requireNonNull(naming, "naming");
      return this;
    }

    /**
     * A realm for {@code WWW-Authenticate} challenges, e.g. {@code orders-api}; none by default.
     *
     * @param realm printable ASCII without '"' or '\', 1 to 128 characters, or {@code null}
     * @return this builder
     * @throws IllegalArgumentException when the realm has other characters
     */
    public Builder realm(String realm) {
      if (realm != null && !REALM.matcher(realm).matches()) {
        throw new IllegalArgumentException("realm must be 1-128 printable ASCII characters without '\"' or '\\',"
            + " e.g. orders-api");
      }
      this.realm = realm;
      return this;
    }

    /**
     * The clock for {@code Deprecation} headers; default the system UTC clock.
     *
     * @param clock the clock; never {@code null}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether {@code TRACE} and {@code TRACK} requests get 405 with a fixed problem body on every path the filter
     * sees (default {@code true}). They ask the server to echo the request, and containers that do (Jetty's
     * {@code HttpServlet.doTrace}) send the presented token back in the body. Turn it off only when the host
     * answers these methods itself without echoing headers, or deliberately leaves them to its container.
     *
     * @param reject {@code false} to let TRACE and TRACK through to the container and the application
     * @return this builder
     */
    public Builder rejectTrace(boolean reject) {
      this.rejectTrace = reject;
      return this;
    }

    /**
     * The largest body of a signed request the filter reads to check its {@code Content-Digest} (default 1 MiB;
     * larger bodies are answered with 413). Only requests of tokens with a {@code signatureSecretId} are read; the
     * application gets the same bytes.
     *
     * @param bytes 1 KiB to 64 MiB
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder maxSignedBodyBytes(int bytes) {
      if (bytes < 1024 || bytes > 64 * 1024 * 1024) {
        throw new IllegalArgumentException("maxSignedBodyBytes must be between 1024 and 67108864 (64 MiB), got " + bytes
            + "; the default is 1 MiB");
      }
      this.maxSignedBodyBytes = bytes;
      return this;
    }

    /**
     * Limits failed authentications per client address (off by default): once an address has presented
     * {@code maxFailures} tokens that were not accepted (unknown, malformed, wrong secret, revoked, expired,
     * disabled) within {@code window}, its requests get 429 {@code too-many-failed-authentications} with
     * {@code Retry-After} until the window ends (the token is still checked, so canaries alarm, but never honoured),
     * and each such answer waits {@code delay}
     * (on a timer, not a request thread; needs async support in the container, else it is answered at once), so
     * a flooding client is slowed to about one request per delay and connection. Other addresses are never
     * affected; clients behind one NAT address share the budget. Requests without any token are not counted.
     *
     * <pre>{@code
     * TokenAuthFilter.builder(tokens).routes(rules)
     *     .failedAuthenticationLimit(100, Duration.ofMinutes(1), Duration.ofSeconds(1))
     *     .build();
     * }</pre>
     *
     * @param maxFailures failures allowed per address and window, 1 to 1,000,000
     * @param window the window, 1 second to 1 day
     * @param delay how long each 429 waits before it is sent, 0 to 10 seconds
     * @return this builder
     * @throws IllegalArgumentException when a value is out of range
     */
    public Builder failedAuthenticationLimit(int maxFailures, Duration window, Duration delay) {
      if (maxFailures < 1 || maxFailures > 1_000_000) {
        throw new IllegalArgumentException("maxFailures must be between 1 and 1000000, got " + maxFailures
            + "; e.g. 100 per minute");
      }
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(delay, "delay");
      if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("window must be between 1 second and 1 day, e.g. Duration.ofMinutes(1)");
      }
      if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new IllegalArgumentException("delay must be between 0 and 10 seconds, e.g. Duration.ofSeconds(1)");
      }
      this.maxFailures = maxFailures;
      this.failureWindow = window;
      this.failureDelay = delay;
      return this;
    }

    /**
     * Rate limits per token and per owner (none by default). Over a limit the filter answers 429 with
     * {@code Retry-After} and the {@code RateLimit-Policy} / {@code RateLimit} headers of the IETF httpapi
     * rate-limit-headers draft; allowed requests carry the same two headers.
     *
     * @param limits e.g. {@code RateLimits.builder(InMemoryRateLimiter.create()).perToken(RateLimit.perMinute(100)).build()},
     *     or {@code null} for none
     * @return this builder
     */
    public Builder rateLimits(RateLimits limits) {
      this.rateLimits = limits;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return an immutable, thread-safe filter
     * @throws IllegalStateException when {@link #routes(RouteRules)} was not called
     */
    public TokenAuthFilter build() {
      return new TokenAuthFilter(settings());
    }

    FilterSettings settings() {
      if (routes == null) {
        throw new IllegalStateException("call routes(RouteRules.builder().api(\"orders\", \"/api/orders/**\").build())"
            + " before build(): without routes every request would be denied");
      }
      ClientRules clients = new ClientRules(new Credentials(apiKeyHeader, queryParameter), new ClientIpResolver(
          trustedProxies, forwardedHeader.headerName(), forwardedHeader == ForwardedHeader.FORWARDED));
      return new FilterSettings(service, routes, clients, new ProblemWriter(realm, retryAfter.toSeconds()),
          principalName, clock, rejectTrace, maxSignedBodyBytes, maxFailures == 0 ? null
              : new FailedAuthentications(maxFailures, failureWindow, failureDelay), rateLimits);
    }
  }
}
