package dev.tokenkit.servlet;

import dev.tokenkit.ratelimit.RateLimitResult;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiConsumer;

/**
 * Writes the rate-limit headers of the IETF httpapi rate-limit-headers draft (draft-ietf-httpapi-ratelimit-headers,
 * structured-field syntax since draft 08): {@code RateLimit-Policy: "token";q=100;w=60} and
 * {@code RateLimit: "token";r=99;t=1}, one list member per policy that applied, and answers 429 with
 * {@code Retry-After} when a policy refused the request. Stateless and thread-safe.
 */
final class RateLimitHeaders {
  static final String POLICY = "RateLimit-Policy";
  static final String STATE = "RateLimit";

  private RateLimitHeaders() {}

  /**
   * Sets the headers and, when refused, answers 429.
   *
   * @return whether the request may go on
   */
  static boolean allow(FilterSettings s, DispatcherType type, HttpServletResponse response, RateLimitResult result)
      throws IOException {
    if (result.checks().isEmpty()) {
      return true;
    }
    if (!response.isCommitted()) {
      response.setHeader(POLICY, policy(result));
      response.setHeader(STATE, state(result));
    }
    if (result.allowed()) {
      return true;
    }
    if (!response.isCommitted()) {
      response.setHeader("Retry-After", Long.toString(result.retryAfterSeconds()));
    }
    s.writer.deny(type, response, Problem.RATE_LIMITED);
    return false;
  }

  static String policy(RateLimitResult result) {
    return list(result, (c, b) -> b.append(";q=").append(c.limit().quota()).append(";w=").append(c.limit().windowSeconds()));
  }

  static String state(RateLimitResult result) {
    return list(result, (c, b) -> b.append(";r=").append(c.decision().remaining()).append(";t=")
        .append(c.decision().resetSeconds()));
  }

  /** A structured-field list: one {@code "policy";params} member per check. */
  private static String list(RateLimitResult result, BiConsumer<RateLimitResult.Check, StringBuilder> params) {
    StringBuilder b = new StringBuilder(40);
    for (RateLimitResult.Check c : result.checks()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append('"').append(c.policy()).append('"');
      params.accept(c, b);
    }
    return b.toString();
  }
}
