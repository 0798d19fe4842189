package dev.tokenkit.spring.autoconfigure;

import dev.tokenkit.TokenService;
import dev.tokenkit.servlet.RouteRules;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.servlet.UnmatchedPolicy;
import dev.tokenkit.spring.TokenKitProperties;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the filter's route rules from {@code tokenkit.filter.*} and {@code tokenkit.admin.*}. */
final class TokenKitFilters {
  private TokenKitFilters() {}

  /**
   * The rules: the configured APIs; as public paths the configured ones, the error page and (when the management
   * servlet is mounted) its mount, whose servlet checks credentials and management rights itself.
   */
  static RouteRules routes(TokenKitProperties properties, String errorPath, UnmatchedPolicy fallback) {
    TokenKitProperties.Filter filter = properties.getFilter();
    RouteRules.Builder rules = RouteRules.builder();
    for (Map.Entry<String, List<String>> api : filter.getApis().entrySet()) {
      rules.api(api.getKey(), api.getValue().stream().map(String::trim).toArray(String[]::new));
    }
    Set<String> publicPaths = new LinkedHashSet<>();
    filter.getPublicPaths().forEach(p -> publicPaths.add(p.trim()));
    publicPaths.add(errorPath);
    TokenKitProperties.Admin admin = properties.getAdmin();
    if (admin.isEnabled()) {
      String mount = adminMount(admin);
      publicPaths.add(mount);
      publicPaths.add(mount + "/**");
    }
    rules.publicPaths(publicPaths.toArray(String[]::new));
    rules.unmatched(filter.getUnmatched() != null ? filter.getUnmatched() : fallback);
    return rules.build();
  }

  static TokenAuthFilter filter(TokenService tokens, TokenKitProperties properties, RouteRules rules) {
    TokenKitProperties.Filter settings = properties.getFilter();
    TokenAuthFilter.Builder filter = TokenAuthFilter.builder(tokens).routes(rules)
        .apiKeyHeader(blankToNull(settings.getApiKeyHeader()))
        .trustedProxies(settings.getTrustedProxies().stream().map(String::trim).toArray(String[]::new));
    if (settings.getMaxFailedAuthentications() > 0) {
      filter.failedAuthenticationLimit(settings.getMaxFailedAuthentications(),
          settings.getFailedAuthenticationWindow(), settings.getFailedAuthenticationDelay());
    }
    return filter.build();
  }

  /** The management mount without a trailing slash, e.g. {@code /admin}. */
  static String adminMount(TokenKitProperties.Admin admin) {
    String path = admin.getPath() == null ? "" : admin.getPath().trim();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.startsWith("/") || path.length() < 2 || path.contains("*")) {
      throw new IllegalArgumentException("tokenkit.admin.path must be a path such as /admin (not '/' and without"
          + " wildcards); set tokenkit.admin.enabled=false to mount no management servlet");
    }
    return path;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
