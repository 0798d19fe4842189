package dev.tokenkit.spring.security;

import dev.tokenkit.servlet.TokenAccessDeniedException;
import dev.tokenkit.servlet.TokenAuthFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Adds TokenKit to a Spring Security {@code SecurityFilterChain}: the starter declares one as a bean. With a
 * chain of the application's own, one line adds TokenKit:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain app(HttpSecurity http, TokenKitSecurity tokenKit) throws Exception {
 *   tokenKit.configure(http);                        // TokenKit authenticates inside this chain
 *   http.authorizeHttpRequests(a -> a.requestMatchers("/app/**").authenticated().anyRequest().permitAll())
 *       .formLogin(Customizer.withDefaults());
 *   return http.build();
 * }
 * }</pre>
 *
 * <p>What {@link #configure(HttpSecurity)} does: TokenKit's {@link TokenAuthFilter} runs before the CSRF filter (so
 * a request without a token to a protected path gets TokenKit's 401 {@code WWW-Authenticate: Bearer}, not a CSRF
 * 403); a verified token becomes a {@link TokenAuthentication}; requests carrying {@code Authorization: Bearer}
 * (or the configured API-key header) are exempt from CSRF, since browsers never attach those by themselves; and
 * authentication and access failures of such requests (e.g. {@code @PreAuthorize}) answer 401 {@code Bearer} / 403
 * {@code insufficient_scope} instead of the chain's other entry points. Thread-safe.
 */
public final class TokenKitSecurity {
  private final SecurityContextBridge bridge;
  private final String apiKeyHeader;
  private final String managementApi;
  private final AtomicBoolean installed = new AtomicBoolean();

  private TokenKitSecurity(TokenAuthFilter filter, String apiKeyHeader, String managementMount) {
    this.bridge = new SecurityContextBridge(Objects.requireNonNull(filter, "filter"));
    this.apiKeyHeader = apiKeyHeader;
    this.managementApi = managementMount == null ? null : managementMount + "/api/";
  }

  /**
   * The integration for a filter.
   *
   * @param filter the configured filter; never {@code null}
   * @param apiKeyHeader the filter's API-key header, or {@code null}
   * @return the integration
   */
  public static TokenKitSecurity of(TokenAuthFilter filter, String apiKeyHeader) {
    return new TokenKitSecurity(filter, apiKeyHeader, null);
  }

  /**
   * The integration for a filter and a mounted management API. Requests to {@code <managementMount>/api/...} are
   * also exempt from CSRF, so users signed in by the application's own login (a session, HTTP Basic) can use the
   * management API and console: that API is CSRF-safe by itself, since every {@code POST}/{@code PATCH} must be
   * {@code application/json} (415 otherwise) and {@code DELETE} cannot be sent cross-site without a CORS preflight.
   *
   * @param filter the configured filter; never {@code null}
   * @param apiKeyHeader the filter's API-key header, or {@code null}
   * @param managementMount the management servlet's mount without a trailing slash, e.g. {@code /admin}, or
   *     {@code null} for none
   * @return the integration
   */
  public static TokenKitSecurity of(TokenAuthFilter filter, String apiKeyHeader, String managementMount) {
    return new TokenKitSecurity(filter, apiKeyHeader, managementMount);
  }

  /**
   * Adds TokenKit to the application's own chain (see the class comment). The chain's other entry points keep
   * answering requests without a TokenKit credential.
   *
   * @param http the chain being built; never {@code null}
   * @return {@code http}
   * @throws IllegalStateException when Spring Security refuses the configuration
   */
  public HttpSecurity configure(HttpSecurity http) {
    RequestMatcher credentialed = this::hasCredential;
    RequestMatcher verified = r -> r.getAttribute(TokenAuthFilter.VERIFIED_TOKEN_ATTRIBUTE) != null;
    try {
      http.addFilterBefore(bridge, CsrfFilter.class);
      RequestMatcher managementApiCall = this::isManagementApiCall;
      http.csrf(csrf -> csrf.ignoringRequestMatchers(credentialed, managementApiCall));
      http.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(entryPoint(), credentialed)
          .defaultAccessDeniedHandlerFor(accessDenied(), verified));
    } catch (Exception e) {
      throw new IllegalStateException("cannot add TokenKit to the security chain: " + e.getMessage(), e);
    }
    installed.set(true);
    return http;
  }

  /**
   * What the starter's default chain does: {@link #configure(HttpSecurity)}, then TokenKit's answers for every
   * authentication and access failure, no session, no request cache, and every request permitted by Spring's
   * authorization (TokenKit's route rules decide; method security such as {@code @PreAuthorize} still applies).
   *
   * @param http the chain being built; never {@code null}
   * @return {@code http}
   * @throws IllegalStateException when Spring Security refuses the configuration
   */
  public HttpSecurity configureAsOnlyAuthentication(HttpSecurity http) {
    configure(http);
    try {
      http.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDenied()));
      http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
      http.requestCache(c -> c.disable());
      http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
    } catch (Exception e) {
      throw new IllegalStateException("cannot configure the TokenKit security chain: " + e.getMessage(), e);
    }
    return http;
  }

  /**
   * Whether {@link #configure(HttpSecurity)} was called for some chain.
   *
   * @return {@code true} once installed
   */
  public boolean isInstalled() {
    return installed.get();
  }

  private boolean isManagementApiCall(HttpServletRequest request) {
    if (managementApi == null) {
      return false;
    }
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
        : uri;
    return path.startsWith(managementApi);
  }

  private boolean hasCredential(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.length() > 7
        && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return true;
    }
    return apiKeyHeader != null && request.getHeader(apiKeyHeader) != null;
  }

  /** 401 {@code WWW-Authenticate: Bearer}: TokenKit's filter, further up the chain, writes the answer. */
  private static AuthenticationEntryPoint entryPoint() {
    return (request, response, e) -> {
      throw new TokenAccessDeniedException("authentication required", false);
    };
  }

  /** 403 {@code insufficient_scope} (401 without a verified token), written by TokenKit's filter. */
  private static AccessDeniedHandler accessDenied() {
    return (request, response, e) -> {
      boolean authenticated = request.getAttribute(TokenAuthFilter.VERIFIED_TOKEN_ATTRIBUTE) != null;
      throw new TokenAccessDeniedException("access denied by Spring Security", authenticated);
    };
  }
}
