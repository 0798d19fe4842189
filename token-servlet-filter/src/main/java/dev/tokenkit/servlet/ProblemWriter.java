package dev.tokenkit.servlet;

import dev.tokenkit.servlet.internal.ProblemTypes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a {@link Problem} with its headers; never echoes request input. Immutable and thread-safe. */
final class ProblemWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemWriter.class);

  private final String challengePrefix;
  private final String retryAfterSeconds;

  /**
   * @param realm the realm for {@code WWW-Authenticate}, already validated, or {@code null}
   * @param retryAfterSeconds the {@code Retry-After} value for 503 responses
   */
  ProblemWriter(String realm, long retryAfterSeconds) {
    this.challengePrefix = realm == null ? "Bearer" : "Bearer realm=\"" + realm + "\"";
    this.retryAfterSeconds = Long.toString(retryAfterSeconds);
  }

  /**
   * Answers a request the filter refuses; an included resource cannot set the status, so it is left out instead.
   */
  void deny(DispatcherType type, HttpServletResponse response, Problem problem) throws IOException {
    if (type == DispatcherType.INCLUDE) {
      LOG.debug("Include of a path that needs a token refused ({})", problem.status);
      return;
    }
    write(response, problem);
  }

  void write(HttpServletResponse response, Problem problem) throws IOException {
    write(response, problem, null);
  }

  /**
   * Answers 429 {@link Problem#TOO_MANY_FAILURES} with its own {@code Retry-After}.
   *
   * @param retryAfterSeconds seconds until the client address may try again
   */
  void tooManyFailures(HttpServletResponse response, long retryAfterSeconds) throws IOException {
    write(response, Problem.TOO_MANY_FAILURES, Long.toString(retryAfterSeconds));
  }

  private void write(HttpServletResponse response, Problem problem, String retryAfter) throws IOException {
    if (response.isCommitted()) {
      LOG.debug("Response already committed; cannot send the {} problem", problem.status);
      return;
    }
    // keep headers from earlier filters (CORS, request ids); drop any body already buffered
    response.resetBuffer();
    response.setStatus(problem.status);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (problem.challenges()) {
      response.setHeader("WWW-Authenticate", challenge(problem.error));
    }
    if (problem == Problem.UNAVAILABLE) {
      response.setHeader("Retry-After", retryAfterSeconds);
    } else if (retryAfter != null) {
      response.setHeader("Retry-After", retryAfter);
    }
    response.setContentType(ProblemTypes.CONTENT_TYPE);
    response.setContentLength(problem.body.length);
    try {
      OutputStream out = response.getOutputStream();
      out.write(problem.body);
      out.flush();
    } catch (IllegalStateException writerInUse) {
      response.getWriter().write(new String(problem.body, StandardCharsets.UTF_8));
      response.getWriter().flush();
    }
  }

  private String challenge(String error) {
    if (error == null) {
      return challengePrefix;
    }
    return challengePrefix + (challengePrefix.length() > 6 ? ", " : " ") + "error=\"" + error + "\"";
  }
}
