package dev.tokenkit;

/**
 * What a request wants: from where, which API and how much access. Immutable and thread-safe.
 *
 * <p>The client address is an {@link IpAddress}, parsed once where the request arrives (the servlet filter does
 * this for each request); the factories taking text parse it for callers that hold a literal.
 *
 * <pre>{@code
 * AuthContext ctx = AuthContext.of("203.0.113.7", "orders", AccessLevel.READ);
 * AuthContext same = new AuthContext(IpAddress.parse("203.0.113.7"), "orders", AccessLevel.READ);
 * }</pre>
 *
 * @param clientIp the client address, or {@code null} when unknown (then IP-restricted tokens fail)
 * @param api the API name, or {@code null} to check only the token itself
 * @param needed the level needed for {@code api}; {@code null} means {@link AccessLevel#NONE}
 * @param request the request's method, path and user agent for audit events (a canary's trigger), or {@code null}
 * @param unknownIdReads whether this request may spend the node's budget of store reads for ids the service does
 *     not know ({@code TokenService.Builder#unknownIdReads}); {@code false} for a client already refused as a
 *     flooder, so it cannot use up the budget that lets tokens issued on other nodes work at once
 */
public record AuthContext(IpAddress clientIp, String api, AccessLevel needed, RequestInfo request,
    boolean unknownIdReads) {

  /**
   * A context with request details that may read unknown ids from the store.
   *
   * @param clientIp the client address, or {@code null}
   * @param api the API or {@code null}
   * @param needed the level or {@code null}
   * @param request the request details, or {@code null}
   */
  public AuthContext(IpAddress clientIp, String api, AccessLevel needed, RequestInfo request) {
    this(clientIp, api, needed, request, true);
  }

  /**
   * A context without request details.
   *
   * @param clientIp the client address, or {@code null}
   * @param api the API or {@code null}
   * @param needed the level or {@code null}
   */
  public AuthContext(IpAddress clientIp, String api, AccessLevel needed) {
    this(clientIp, api, needed, null);
  }

  /**
   * A copy that carries the request's method, path and user agent (recorded when a canary is presented).
   *
   * @param info the request details, or {@code null}
   * @return the copy
   */
  public AuthContext withRequest(RequestInfo info) {
    return new AuthContext(clientIp, api, needed, info, unknownIdReads);
  }

  /**
   * A copy that never reads the store for an id the service does not know: such ids are refused as unknown at
   * once (known ids, canaries included, are checked as usual).
   *
   * @return the copy
   */
  public AuthContext withoutUnknownIdReads() {
    return new AuthContext(clientIp, api, needed, request, false);
  }

  /**
   * A context for a client address given as text.
   *
   * @param clientIp the client address literal, or {@code null}; text that is not an address literal counts as
   *     an unknown client (IP-restricted tokens then fail)
   * @param api the API or {@code null}
   * @param needed the level or {@code null}
   * @return the context
   */
  public static AuthContext of(String clientIp, String api, AccessLevel needed) {
    return new AuthContext(IpAddress.tryParse(clientIp).orElse(null), api, needed);
  }

  /**
   * A context that checks only the token and the client IP, not API access.
   *
   * @param clientIp the client address literal, or {@code null}; text that is not an address literal counts as
   *     an unknown client
   * @return the context
   */
  public static AuthContext anyApi(String clientIp) {
    return of(clientIp, null, null);
  }
}
