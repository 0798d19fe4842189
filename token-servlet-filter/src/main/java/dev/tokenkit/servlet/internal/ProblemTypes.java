package dev.tokenkit.servlet.internal;

/**
 * The one {@code type} scheme of every RFC 9457 problem body TokenKit writes, from the filter and from the
 * management API: {@code urn:tokenkit:problem:<code>}, e.g. {@code urn:tokenkit:problem:invalid-token}. Stateless.
 */
public final class ProblemTypes {
  /** The media type of problem bodies. */
  public static final String CONTENT_TYPE = "application/problem+json";
  /** The prefix of every problem {@code type}. */
  public static final String PREFIX = "urn:tokenkit:problem:";

  private ProblemTypes() {}

  /**
   * The {@code type} for a problem code.
   *
   * @param code lower-case words joined by '-', e.g. {@code invalid-token}
   * @return e.g. {@code urn:tokenkit:problem:invalid-token}
   */
  public static String of(String code) {
    return PREFIX + code;
  }
}
