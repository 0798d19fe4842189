package dev.tokenkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input was rejected; {@link #fieldErrors()} names each bad field with how to fix it.
 *
 * <pre>{@code
 * try { service.issue(actor, request); }
 * catch (InvalidInputException e) { e.fieldErrors().forEach((field, msg) -> show(field, msg)); }
 * }</pre>
 */
public final class InvalidInputException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  private final Map<String, String> fieldErrors;

  /**
   * One bad field.
   *
   * @param field the field name, e.g. {@code name}
   * @param problem what is wrong and how to fix it
   */
  public InvalidInputException(String field, String problem) {
    this(Map.of(field, problem));
  }

  /**
   * Several bad fields.
   *
   * @param fieldErrors field name to problem; not empty
   */
  public InvalidInputException(Map<String, String> fieldErrors) {
    super(describe(fieldErrors));
    this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
  }

  /**
   * The bad fields.
   *
   * @return field name to problem, in the order found
   */
  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  private static String describe(Map<String, String> errors) {
    StringBuilder sb = new StringBuilder("Invalid input: ");
    errors.forEach((f, p) -> sb.append(f).append(": ").append(p).append("; "));
    sb.setLength(sb.length() - 2);
    return sb.toString();
  }
}
