package dev.tokenkit;

/**
 * What a request looked like, for audit events that describe who presented a token (a canary's trigger): method,
 * path and user agent as received. The values are untrusted; the audit trail sanitises and bounds them. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * AuthContext ctx = AuthContext.of(ip, "orders", AccessLevel.READ)
 *     .withRequest(new RequestInfo("GET", "/api/orders", request.getHeader("User-Agent")));
 * }</pre>
 *
 * @param method the HTTP method, or {@code null}
 * @param path the request path without the query string, or {@code null}
 * @param userAgent the {@code User-Agent} header, or {@code null}
 */
public record RequestInfo(String method, String path, String userAgent) {}
