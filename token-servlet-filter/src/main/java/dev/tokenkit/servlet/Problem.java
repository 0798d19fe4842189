package dev.tokenkit.servlet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenkit.servlet.internal.ProblemTypes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed error responses of {@link TokenAuthFilter}: status, RFC 6750 error code and an RFC 9457
 * {@code application/problem+json} body (type {@code urn:tokenkit:problem:<code>}, see {@link ProblemTypes})
 * rendered once at class initialisation. Bodies never contain request input. Immutable and thread-safe.
 */
enum Problem {
  /** No credentials at all: 401, {@code WWW-Authenticate: Bearer} without an error code. */
  NO_CREDENTIALS(401, "unauthorized", "Unauthorized", null,
      "This resource needs an API token. Send it as 'Authorization: Bearer <token>'."),
  /** Credentials present but not accepted, whatever the reason. */
  INVALID_TOKEN(401, "invalid-token", "Unauthorized", "invalid_token", "The presented API token was not accepted."),
  /** The token requires signed requests and the signature is missing, malformed, stale, replayed or wrong. */
  INVALID_SIGNATURE(401, "invalid-signature", "Unauthorized", "invalid_token",
      "This API token requires requests signed with its shared secret (RFC 9421 hmac-sha256). "
          + "The Accept-Signature header says what to sign."),
  /** The body of a signed request is larger than the filter reads to check its digest. */
  BODY_TOO_LARGE(413, "body-too-large", "Content Too Large", null,
      "The body of this signed request is larger than the server checks. Send a smaller body."),
  /** Repeated, combined or malformed credentials. */
  INVALID_REQUEST(400, "invalid-request", "Bad Request", "invalid_request",
      "The request is malformed. Send exactly one API token, once, in one place."),
  /** A request path that could be read in more than one way. */
  AMBIGUOUS_PATH(400, "ambiguous-path", "Bad Request", "invalid_request",
      "The request path is ambiguous. Send a plain, normalised path without ';',"
          + " backslashes, encoded '/' or '.', dot segments, '//' or control characters."),
  /** The token lacks access. */
  INSUFFICIENT_SCOPE(403, "insufficient-scope", "Forbidden", "insufficient_scope",
      "The API token does not grant the access this request needs."),
  /** No route rule covers the path and unmatched paths are denied. */
  NOT_FOUND(404, "not-found", "Not Found", null, "There is no resource at this path."),
  /** TRACE or TRACK, which would echo the request's credentials (see {@link TraceMethods}). */
  TRACE_NOT_ALLOWED(405, "method-not-allowed", "Method Not Allowed", null,
      "TRACE and TRACK are not allowed: they would echo the request, credentials included."),
  /** The client address sent too many tokens that were not accepted (see {@code failedAuthenticationLimit}). */
  TOO_MANY_FAILURES(429, "too-many-failed-authentications", "Too Many Requests", null,
      "Too many API tokens from this address were not accepted. Retry after the time given in the Retry-After header."),
  /** A rate limit of the token or its owner is exhausted ({@link RateLimitHeaders} add Retry-After and RateLimit). */
  RATE_LIMITED(429, "rate-limited", "Too Many Requests", null,
      "This API token has sent too many requests. Retry after the time given in the Retry-After header."),
  /** The token's usage quota is used up (until its refill or a reset). */
  QUOTA_EXHAUSTED(429, "quota-exhausted", "Too Many Requests", null,
      "The usage quota of this API token is used up. It is refilled on its schedule or reset by an administrator."),
  /** The token store is down and the token is not cached. */
  UNAVAILABLE(503, "store-unavailable", "Service Unavailable", null,
      "Authentication is temporarily unavailable. Retry after the time given in the Retry-After header.");

  final int status;
  final String error;
  final byte[] body;

  Problem(int status, String code, String title, String error, String detail) {
    this.status = status;
    this.error = error;
    this.body = render(status, code, title, error, detail);
  }

  private static byte[] render(int status, String code, String title, String error, String detail) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", ProblemTypes.of(code));
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    if (error != null) {
      json.put("error", error);
    }
    try {
      return new ObjectMapper().writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a fixed problem body", e);
    }
  }

  /** Whether the response carries a {@code WWW-Authenticate} challenge. */
  boolean challenges() {
    return status == 401 || this == INVALID_REQUEST || this == INSUFFICIENT_SCOPE;
  }
}
