package dev.tokenkit;

/**
 * What a request wants: from where, which API and how much access.
 *
 * <pre>{@code
 * AuthContext ctx = AuthContext.of("203.0.113.7", "orders", AccessLevel.READ);
 * }</pre>
 *
 * @param clientIp the client address literal, or {@code null} when unknown (then IP-restricted tokens fail)
 * @param api the API name, or {@code null} to check only the token itself
 * @param needed the level needed for {@code api}; {@code null} means {@link AccessLevel#NONE}
 */
public record AuthContext(String clientIp, String api, AccessLevel needed) {

  /**
   * A context.
   *
   * @param clientIp the client IP or {@code null}
   * @param api the API or {@code null}
   * @param needed the level or {@code null}
   * @return the context
   */
  public static AuthContext of(String clientIp, String api, AccessLevel needed) {
    return new AuthContext(clientIp, api, needed);
  }

  /**
   * A context that checks only the token and the client IP, not API access.
   *
   * @param clientIp the client IP or {@code null}
   * @return the context
   */
  public static AuthContext anyApi(String clientIp) {
    return new AuthContext(clientIp, null, null);
  }
}
