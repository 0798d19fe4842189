package dev.tokenkit.servlet.admin;

/** One management API operation. Implementations are stateless and thread-safe. */
@FunctionalInterface
interface Endpoint {
  /**
   * Handles a call.
   *
   * @param call the authenticated call
   * @return the response
   * @throws HttpProblem for HTTP-level errors; core exceptions are mapped by the servlet
   */
  ApiResponse handle(ApiCall call);
}
