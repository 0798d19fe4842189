package dev.tokenkit.spring.autoconfigure;

import dev.tokenkit.ManagementScope;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.spring.TokenKitManagementAccess;
import dev.tokenkit.spring.TokenKitProperties;
import dev.tokenkit.spring.security.TokenAuthentication;
import dev.tokenkit.spring.security.TokenKitSecurity;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security (servlet): TokenKit authenticates inside the {@code SecurityFilterChain}. Without a chain of the
 * application's own, the starter's default chain ({@link TokenKitSecurity#configureAsOnlyAuthentication}) replaces
 * Spring Boot's default (form login and Basic). With one, {@link TokenKitSecurity#configure} must be called on it:
 * start-up fails otherwise, rather than serving TokenKit's APIs unprotected.
 */
@AutoConfiguration(after = TokenKitServletAutoConfiguration.class, beforeName = {
    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
    "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"org.springframework.security.web.SecurityFilterChain",
    "org.springframework.security.config.annotation.web.builders.HttpSecurity"})
@ConditionalOnBean(TokenAuthFilter.class)
public class TokenKitSecurityAutoConfiguration {

  /**
   * The integration, injectable into the application's own chain.
   *
   * @param filter the filter
   * @param properties the properties
   * @return the integration
   */
  @Bean(TokenKitServletAutoConfiguration.SECURITY_BEAN)
  @ConditionalOnMissingBean
  public TokenKitSecurity tokenKitSecurity(TokenAuthFilter filter, TokenKitProperties properties) {
    String header = properties.getFilter().getApiKeyHeader();
    String mount = properties.getAdmin().isEnabled() ? TokenKitFilters.adminMount(properties.getAdmin()) : null;
    return TokenKitSecurity.of(filter, header == null || header.isBlank() ? null : header.trim(), mount);
  }

  /**
   * The default chain when the application has none: TokenKit is its only authentication. Its
   * {@code AuthenticationProvider} (which only accepts TokenKit's own authentications) also keeps Spring Boot from
   * creating a user with a generated password.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  public static class DefaultChainConfiguration {
    /**
     * The chain.
     *
     * @param http the builder
     * @param tokenKit the integration
     * @return the chain
     * @throws Exception when Spring Security fails to build it
     */
    @Bean(TokenKitServletAutoConfiguration.DEFAULT_CHAIN_BEAN)
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    public SecurityFilterChain tokenKitSecurityFilterChain(HttpSecurity http, TokenKitSecurity tokenKit)
        throws Exception {
      return tokenKit.configureAsOnlyAuthentication(http).build();
    }

    /**
     * Accepts the authentications TokenKit's filter made, and nothing else.
     *
     * @return the provider
     */
    @Bean
    @ConditionalOnMissingBean(AuthenticationProvider.class)
    public AuthenticationProvider tokenKitAuthenticationProvider() {
      return new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
          return authentication; // already verified by TokenKit's filter
        }

        @Override
        public boolean supports(Class<?> type) {
          return TokenAuthentication.class.isAssignableFrom(type);
        }
      };
    }
  }

  /**
   * Fails start-up when the application's own chain lacks TokenKit.
   *
   * @param tokenKit the integration
   * @return the check
   */
  @Bean
  public SmartInitializingSingleton tokenKitSecurityInstalledCheck(TokenKitSecurity tokenKit) {
    return () -> {
      if (!tokenKit.isInstalled()) {
        throw new IllegalStateException("The application declares its own SecurityFilterChain but TokenKit is not in"
            + " it, so TokenKit's APIs would not be authenticated: inject TokenKitSecurity into the chain's @Bean"
            + " method and call tokenKit.configure(http) there");
      }
    };
  }

  /**
   * With {@code tokenkit.admin.authority} and/or {@code tokenkit.admin.read-only-authority}: signed-in users holding
   * the first may manage every token; holders of the second only list, view and audit.
   *
   * @param properties the properties
   * @return the access check
   */
  @Bean
  @ConditionalOnExpression("!'${tokenkit.admin.authority:}'.isBlank() or !'${tokenkit.admin.read-only-authority:}'.isBlank()")
  @ConditionalOnMissingBean
  public TokenKitManagementAccess tokenKitManagementAccess(TokenKitProperties properties) {
    String full = trimmed(properties.getAdmin().getAuthority());
    String readOnly = trimmed(properties.getAdmin().getReadOnlyAuthority());
    return new TokenKitManagementAccess() {
      @Override
      public boolean mayManage(HttpServletRequest request) {
        return holds(full) || holds(readOnly);
      }

      @Override
      public ManagementScope scope(HttpServletRequest request) {
        return holds(full) ? ManagementScope.full() : ManagementScope.readOnly();
      }
    };
  }

  private static String trimmed(String authority) {
    return authority == null || authority.isBlank() ? null : authority.trim();
  }

  /** Whether the signed-in (non-anonymous) user holds the authority; {@code false} for {@code null}. */
  private static boolean holds(String authority) {
    if (authority == null) {
      return false;
    }
    Authentication auth = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
    return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
        && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
  }
}
