package dev.tokenkit.spring.autoconfigure;

import dev.tokenkit.Actor;
import dev.tokenkit.TokenService;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.servlet.UnmatchedPolicy;
import dev.tokenkit.servlet.admin.ManagementServlet;
import dev.tokenkit.spring.TokenKitManagementAccess;
import dev.tokenkit.spring.TokenKitProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.EnumSet;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The servlet side of the starter: {@link TokenAuthFilter} configured from {@code tokenkit.filter.*} and the
 * {@link ManagementServlet} at {@code tokenkit.admin.path}. Without Spring Security the filter is registered with
 * the container for every dispatcher type; with it, the filter runs inside the {@code SecurityFilterChain} instead
 * (see {@link TokenKitSecurityAutoConfiguration}).
 */
@AutoConfiguration(after = TokenKitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBean(TokenService.class)
public class TokenKitServletAutoConfiguration {
  /** The name of the starter's own security chain bean. */
  static final String DEFAULT_CHAIN_BEAN = "tokenKitSecurityFilterChain";
  /** The name of the {@code TokenKitSecurity} bean; when present the filter runs inside Spring Security. */
  static final String SECURITY_BEAN = "tokenKitSecurity";
  private static final String SECURITY_FILTER_CHAIN = "org.springframework.security.web.SecurityFilterChain";

  /**
   * The authentication filter.
   *
   * @param tokens the service
   * @param properties the properties
   * @param environment for the error page path ({@code server.error.path})
   * @param beans to tell whether the application has a security chain of its own
   * @return the filter
   */
  @Bean
  @ConditionalOnMissingBean
  public TokenAuthFilter tokenAuthFilter(TokenService tokens, TokenKitProperties properties, Environment environment,
      ListableBeanFactory beans) {
    UnmatchedPolicy fallback = hasOwnSecurityChain(beans) ? UnmatchedPolicy.PERMIT : UnmatchedPolicy.DENY;
    String errorPath = environment.getProperty("server.error.path", "/error");
    return TokenKitFilters.filter(tokens, properties, TokenKitFilters.routes(properties, errorPath, fallback));
  }

  /** Whether the application declares a SecurityFilterChain other than the starter's default one. */
  static boolean hasOwnSecurityChain(ListableBeanFactory beans) {
    ClassLoader loader = TokenKitServletAutoConfiguration.class.getClassLoader();
    if (!ClassUtils.isPresent(SECURITY_FILTER_CHAIN, loader)) {
      return false;
    }
    Class<?> chain = ClassUtils.resolveClassName(SECURITY_FILTER_CHAIN, loader);
    return Arrays.stream(beans.getBeanNamesForType(chain, true, false)).anyMatch(n -> !n.equals(DEFAULT_CHAIN_BEAN));
  }

  /**
   * Registers the filter with the container for all dispatcher types, unless it runs inside Spring Security.
   *
   * @param filter the filter
   * @param beans to tell whether the Spring Security integration is active
   * @return the registration
   */
  @Bean
  @ConditionalOnMissingBean(name = "tokenAuthFilterRegistration")
  public FilterRegistrationBean<TokenAuthFilter> tokenAuthFilterRegistration(TokenAuthFilter filter,
      ListableBeanFactory beans) {
    FilterRegistrationBean<TokenAuthFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/*");
    registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
    registration.setAsyncSupported(true);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.setEnabled(!beans.containsBean(SECURITY_BEAN));
    return registration;
  }

  /**
   * Mounts the management API and admin console at {@code tokenkit.admin.path} (default {@code /admin}).
   *
   * @param tokens the service
   * @param properties the properties
   * @param filter the filter: its APIs form the console's catalogue, its credential and client-IP rules apply
   * @param access optional: who else may manage tokens
   * @return the registration
   */
  @Bean
  @ConditionalOnProperty(prefix = "tokenkit.admin", name = "enabled", havingValue = "true", matchIfMissing = true)
  @ConditionalOnMissingBean(name = "tokenKitManagementServlet")
  public ServletRegistrationBean<ManagementServlet> tokenKitManagementServlet(TokenService tokens,
      TokenKitProperties properties, TokenAuthFilter filter, ObjectProvider<TokenKitManagementAccess> access) {
    ManagementServlet.Builder admin = ManagementServlet.builder(tokens).authentication(filter)
        .apiCatalogue(filter.routes());
    TokenKitManagementAccess check = access.getIfAvailable();
    if (check != null) {
      admin.hostAccess(req -> check.mayManage(req) ? new Actor(principalName(req), null).withScope(check.scope(req))
          : null);
    }
    String mount = TokenKitFilters.adminMount(properties.getAdmin());
    ServletRegistrationBean<ManagementServlet> registration = new ServletRegistrationBean<>(admin.build(),
        mount + "/*");
    registration.setName("tokenkit-admin");
    registration.setAsyncSupported(true);
    return registration;
  }

  /** The audited name of a caller accepted by the host's check. */
  private static String principalName(HttpServletRequest req) {
    Principal p = req.getUserPrincipal();
    if (p != null && p.getName() != null) {
      return p.getName();
    }
    return req.getRemoteUser() != null ? req.getRemoteUser() : "host-authenticated user";
  }
}
