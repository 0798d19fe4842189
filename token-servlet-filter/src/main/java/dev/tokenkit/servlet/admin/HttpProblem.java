package dev.tokenkit.servlet.admin;

import java.util.Map;

/**
 * An HTTP error raised inside the management servlet, written as an RFC 9457 problem by {@link Problems}.
 * Its texts are fixed or built from non-secret values only.
 */
final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String title;
  private final Map<String, String> fieldErrors;
  private final String error;

  HttpProblem(int status, String type, String title, String detail) {
    this(status, type, title, detail, Map.of());
  }

  HttpProblem(int status, String type, String title, String detail, Map<String, String> fieldErrors) {
    this(status, type, title, detail, fieldErrors, null);
  }

  private HttpProblem(int status, String type, String title, String detail, Map<String, String> fieldErrors,
      String error) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.fieldErrors = Map.copyOf(fieldErrors);
    this.error = error;
  }

  /**
   * 403 {@code insufficient_scope}: type {@code insufficient-scope}, RFC 6750 error code in {@code error}.
   *
   * @param detail what the caller lacks and how to fix it
   * @return the problem
   */
  static HttpProblem insufficientScope(String detail) {
    return new HttpProblem(403, "insufficient-scope", "Forbidden", detail, Map.of(), "insufficient_scope");
  }

  static HttpProblem invalid(Map<String, String> fieldErrors) {
    return new HttpProblem(400, "invalid-input", "Invalid input",
        "One or more fields are invalid; see errors for each field", fieldErrors);
  }

  static HttpProblem invalid(String field, String message) {
    return invalid(Map.of(field, message));
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String title() {
    return title;
  }

  String detail() {
    return getMessage();
  }

  Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  /** @return the RFC 6750 error code, or {@code null} */
  String error() {
    return error;
  }
}
