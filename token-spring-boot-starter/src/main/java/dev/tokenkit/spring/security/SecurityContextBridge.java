package dev.tokenkit.spring.security;

import dev.tokenkit.VerifiedToken;
import dev.tokenkit.servlet.TokenAuthFilter;
import dev.tokenkit.servlet.TokenPrincipal;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Runs {@link TokenAuthFilter} inside the security chain and, once it verified a token, puts a
 * {@link TokenAuthentication} into the security context for the rest of the chain. Thread-safe.
 */
final class SecurityContextBridge implements Filter {
  private final TokenAuthFilter filter;

  SecurityContextBridge(TokenAuthFilter filter) {
    this.filter = filter;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    filter.doFilter(request, response, (req, res) -> {
      if (req.getAttribute(TokenAuthFilter.VERIFIED_TOKEN_ATTRIBUTE) instanceof VerifiedToken token) {
        SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
        Authentication current = holder.getContext().getAuthentication();
        if (!(current instanceof TokenAuthentication t && t.getToken().equals(token))) {
          SecurityContext context = holder.createEmptyContext();
          context.setAuthentication(TokenAuthentication.of(new TokenPrincipal(token.owner(), token)));
          holder.setContext(context);
        }
      }
      chain.doFilter(req, res);
    });
  }
}
