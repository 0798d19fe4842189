package dev.tokenkit.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes a request on to the host's handlers and turns a {@link TokenAccessDeniedException} that leaves them
 * (directly or as a {@link ServletException}'s root cause) into the filter's 403 (or 401 without a verified
 * token), as long as the response is not committed. Stateless and thread-safe.
 */
final class HandlerCall {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerCall.class);

  private HandlerCall() {}

  static void invoke(ProblemWriter writer, FilterChain chain, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    try {
      chain.doFilter(request, response);
    } catch (TokenAccessDeniedException e) {
      if (!answer(writer, response, e)) {
        throw e;
      }
    } catch (ServletException e) {
      if (!(e.getRootCause() instanceof TokenAccessDeniedException denied) || !answer(writer, response, denied)) {
        throw e;
      }
    }
  }

  private static boolean answer(ProblemWriter writer, HttpServletResponse response, TokenAccessDeniedException e)
      throws IOException {
    if (response.isCommitted()) {
      return false;
    }
    LOG.debug("Handler denied access: {}", e.getMessage());
    writer.write(response, e.isAuthenticated() ? Problem.INSUFFICIENT_SCOPE : Problem.NO_CREDENTIALS);
    return true;
  }
}
