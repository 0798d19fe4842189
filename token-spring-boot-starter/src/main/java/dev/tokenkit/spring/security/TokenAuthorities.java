package dev.tokenkit.spring.security;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.VerifiedToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The Spring Security authorities of a verified token:
 *
 * <ul>
 *   <li>{@code ROLE_<role>} for the token's role, e.g. {@code ROLE_ADMIN}, {@code ROLE_READONLY}
 *       ({@code hasRole('READONLY')}, {@code request.isUserInRole("READONLY")});
 *   <li>one {@code API_<api>:<LEVEL>} per effective API grant other than {@code NONE}, e.g.
 *       {@code API_orders:READ}, {@code API_reports:FULL}; a grant for all APIs is {@code API_*:READ}. FULL
 *       includes READ, so check reads with {@code hasAnyAuthority('API_orders:READ', 'API_orders:FULL', ...)} or
 *       in code with {@code TokenAuth.allows(request, "orders", AccessLevel.READ)}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class TokenAuthorities {
  /** Prefix of role authorities: {@value}. */
  public static final String ROLE_PREFIX = "ROLE_";
  /** Prefix of API grant authorities: {@value}. */
  public static final String API_PREFIX = "API_";

  private TokenAuthorities() {}

  /**
   * The authorities of a token.
   *
   * @param token the verified token; never {@code null}
   * @return the authorities, role first
   */
  public static List<GrantedAuthority> of(VerifiedToken token) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    if (token.role() != null) {
      authorities.add(new SimpleGrantedAuthority(ROLE_PREFIX + token.role()));
    }
    for (Map.Entry<String, AccessLevel> grant : token.effectiveAccess().asMap().entrySet()) {
      if (grant.getValue() != AccessLevel.NONE) {
        authorities.add(new SimpleGrantedAuthority(api(grant.getKey(), grant.getValue())));
      }
    }
    return List.copyOf(authorities);
  }

  /**
   * The authority name of one API grant.
   *
   * @param api the API name, or {@code *}
   * @param level the level
   * @return e.g. {@code API_orders:READ}
   */
  public static String api(String api, AccessLevel level) {
    return API_PREFIX + api + ":" + level.name();
  }
}
