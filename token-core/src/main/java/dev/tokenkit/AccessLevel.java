package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.util.Locale;

/**
 * How much of one API a token may use.
 *
 * <p>Levels are ordered: {@link #FULL} includes {@link #READ}, which includes {@link #NONE}.
 * {@code READ} covers the safe HTTP methods (GET, HEAD, OPTIONS); {@code FULL} covers all methods.
 *
 * <pre>{@code
 * AccessLevel needed = AccessLevel.forHttpMethod("POST"); // FULL
 * boolean ok = AccessLevel.READ.allows(needed);           // false
 * }</pre>
 */
public enum AccessLevel {
  /** No access (the default for any API without a grant). */
  NONE,
  /** Read access: safe methods GET, HEAD and OPTIONS. */
  READ,
  /** Full access: every method. */
  FULL;

  /**
   * Whether a token holding this level may perform an operation that needs {@code needed}.
   *
   * @param needed the level the operation needs; never {@code null}
   * @return {@code true} when this level is at least {@code needed}
   */
  public boolean allows(AccessLevel needed) {
    return compareTo(needed) >= 0;
  }

  /**
   * The level an HTTP method needs: GET, HEAD and OPTIONS need {@link #READ}, anything else {@link #FULL}.
   *
   * @param method an HTTP method name, case-insensitive; never {@code null}
   * @return the needed level
   */
  public static AccessLevel forHttpMethod(String method) {
    switch (method.toUpperCase(Locale.ROOT)) {
      case "GET":
      case "HEAD":
      case "OPTIONS":
        return READ;
      default:
        return FULL;
    }
  }

  /**
   * Parses a level name case-insensitively ({@code "read"}, {@code "FULL"}, ...).
   *
   * @param text the name; never {@code null}
   * @return the level
   * @throws InvalidInputException when the text names no level
   */
  public static AccessLevel parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("access", "unknown access level " + SafeEcho.quote(text) + "; use NONE, READ or FULL");
    }
  }
}
