package dev.tokenkit.servlet;

import dev.tokenkit.TokenKitException;
import dev.tokenkit.TokenService;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/** Reads {@link TokenAuthFilter} settings from {@link FilterConfig} init parameters (web.xml). Stateless. */
final class InitParams {
  static final String API_PREFIX = "api.";
  static final String PUBLIC_PATHS = "publicPaths";
  static final String UNMATCHED = "unmatched";
  static final String API_KEY_HEADER = "apiKeyHeader";
  static final String QUERY_PARAMETER = "queryParameter";
  static final String TRUSTED_PROXIES = "trustedProxies";
  static final String FORWARDED_HEADER = "forwardedHeader";
  static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";
  static final String PRINCIPAL_NAME = "principalName";
  static final String REALM = "realm";
  static final String SERVICE_ATTRIBUTE = "serviceAttribute";
  static final String REJECT_TRACE = "rejectTrace";
  static final String MAX_SIGNED_BODY_BYTES = "maxSignedBodyBytes";
  static final String MAX_FAILED_AUTHENTICATIONS = "maxFailedAuthentications";
  static final String FAILED_AUTHENTICATION_WINDOW_SECONDS = "failedAuthenticationWindowSeconds";
  static final String FAILED_AUTHENTICATION_DELAY_MILLIS = "failedAuthenticationDelayMillis";

  private static final Set<String> KNOWN = Set.of(PUBLIC_PATHS, UNMATCHED, API_KEY_HEADER, QUERY_PARAMETER,
      TRUSTED_PROXIES, FORWARDED_HEADER, RETRY_AFTER_SECONDS, PRINCIPAL_NAME, REALM, SERVICE_ATTRIBUTE, REJECT_TRACE,
      MAX_SIGNED_BODY_BYTES, MAX_FAILED_AUTHENTICATIONS, FAILED_AUTHENTICATION_WINDOW_SECONDS,
      FAILED_AUTHENTICATION_DELAY_MILLIS);

  private InitParams() {}

  static FilterSettings read(FilterConfig config) throws ServletException {
    String attribute = value(config, SERVICE_ATTRIBUTE);
    String serviceAttribute = attribute == null ? TokenAuthFilter.SERVICE_ATTRIBUTE : attribute;
    Object service = config.getServletContext().getAttribute(serviceAttribute);
    if (!(service instanceof TokenService tokens)) {
      throw new ServletException("TokenAuthFilter '" + config.getFilterName() + "' found no TokenService in the"
          + " servlet-context attribute '" + serviceAttribute + "'. Set it before filters start, e.g. in a"
          + " ServletContextListener: servletContext.setAttribute(TokenAuthFilter.SERVICE_ATTRIBUTE, tokenService)");
    }
    try {
      return apply(config, TokenAuthFilter.builder(tokens)).settings();
    } catch (IllegalArgumentException | IllegalStateException | TokenKitException e) {
      throw new ServletException("TokenAuthFilter '" + config.getFilterName() + "' has an invalid init parameter: "
          + e.getMessage(), e);
    }
  }

  private static TokenAuthFilter.Builder apply(FilterConfig config, TokenAuthFilter.Builder b) {
    RouteRules.Builder routes = RouteRules.builder();
    TreeMap<String, String> apis = new TreeMap<>();
    for (String name : Collections.list(config.getInitParameterNames())) {
      if (name.startsWith(API_PREFIX)) {
        apis.put(name.substring(API_PREFIX.length()), config.getInitParameter(name));
      } else if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("unknown init parameter '" + name + "'; use api.<name> or one of "
            + new java.util.TreeSet<>(KNOWN));
      }
    }
    if (apis.isEmpty()) {
      throw new IllegalArgumentException("no API routes: add at least one init parameter like"
          + " api.orders = /api/orders, /api/orders/**");
    }
    apis.forEach((api, patterns) -> routes.api(api, list(patterns).toArray(new String[0])));
    String publicPaths = value(config, PUBLIC_PATHS);
    if (publicPaths != null) {
      routes.publicPaths(list(publicPaths).toArray(new String[0]));
    }
    String unmatched = value(config, UNMATCHED);
    if (unmatched != null) {
      routes.unmatched(choice(UnmatchedPolicy.class, UNMATCHED, unmatched));
    }
    b.routes(routes.build());
    b.apiKeyHeader(value(config, API_KEY_HEADER));
    b.queryParameter(value(config, QUERY_PARAMETER));
    String proxies = value(config, TRUSTED_PROXIES);
    if (proxies != null) {
      b.trustedProxies(list(proxies).toArray(new String[0]));
    }
    String forwarded = value(config, FORWARDED_HEADER);
    if (forwarded != null) {
      b.forwardedHeader(forwardedHeader(forwarded));
    }
    String retry = value(config, RETRY_AFTER_SECONDS);
    if (retry != null) {
      if (!retry.matches("\\d{1,6}")) {
        throw new IllegalArgumentException(RETRY_AFTER_SECONDS + " must be a whole number of seconds, e.g. 5");
      }
      b.retryAfter(Duration.ofSeconds(Long.parseLong(retry)));
    }
    String principal = value(config, PRINCIPAL_NAME);
    if (principal != null) {
      b.principalName(choice(PrincipalName.class, PRINCIPAL_NAME, principal));
    }
    b.realm(value(config, REALM));
    String rejectTrace = value(config, REJECT_TRACE);
    if (rejectTrace != null) {
      if (!rejectTrace.equalsIgnoreCase("true") && !rejectTrace.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(REJECT_TRACE + " must be true or false");
      }
      b.rejectTrace(Boolean.parseBoolean(rejectTrace));
    }
    String maxBody = value(config, MAX_SIGNED_BODY_BYTES);
    if (maxBody != null) {
      if (!maxBody.matches("\\d{1,8}")) {
        throw new IllegalArgumentException(MAX_SIGNED_BODY_BYTES + " must be a whole number of bytes, e.g. 1048576");
      }
      b.maxSignedBodyBytes(Integer.parseInt(maxBody));
    }
    String maxFailures = value(config, MAX_FAILED_AUTHENTICATIONS);
    if (maxFailures != null) {
      b.failedAuthenticationLimit(number(MAX_FAILED_AUTHENTICATIONS, maxFailures, "100"),
          Duration.ofSeconds(number(FAILED_AUTHENTICATION_WINDOW_SECONDS,
              orDefault(value(config, FAILED_AUTHENTICATION_WINDOW_SECONDS), "60"), "60")),
          Duration.ofMillis(number(FAILED_AUTHENTICATION_DELAY_MILLIS,
              orDefault(value(config, FAILED_AUTHENTICATION_DELAY_MILLIS), "250"), "250")));
    }
    return b;
  }

  private static String orDefault(String v, String fallback) {
    return v == null ? fallback : v;
  }

  private static int number(String param, String text, String example) {
    if (!text.matches("\\d{1,9}")) {
      throw new IllegalArgumentException(param + " must be a whole number, e.g. " + example);
    }
    return Integer.parseInt(text);
  }

  private static String value(FilterConfig config, String name) {
    String v = config.getInitParameter(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    return v.trim();
  }

  /** Splits on commas and whitespace (including newlines in web.xml). */
  static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split("[,\\s]+")) {
      if (!part.isEmpty()) {
        out.add(part);
      }
    }
    return out;
  }

  private static ForwardedHeader forwardedHeader(String text) {
    for (ForwardedHeader h : ForwardedHeader.values()) {
      if (h.headerName().equalsIgnoreCase(text) || h.name().equalsIgnoreCase(text)) {
        return h;
      }
    }
    throw new IllegalArgumentException(FORWARDED_HEADER + " must be X-Forwarded-For or Forwarded");
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String param, String text) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        names.add(c.name());
      }
      throw new IllegalArgumentException(param + " must be one of " + names);
    }
  }
}
