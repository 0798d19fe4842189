package dev.tokenkit.internal;

import java.util.regex.Pattern;

/**
 * Quotes user input (values and field names) for error messages unless it could be a credential or could act on
 * whoever reads the message: long values, values holding a long run of token characters (a pasted token in the
 * wrong field), markup or quoting characters ({@code < > & " ` \}), and control, format (bidi), separator,
 * private-use, unassigned or unpaired-surrogate characters are not echoed. Stateless.
 */
public final class SafeEcho {
  /** The text shown instead of input that must not be repeated. */
  public static final String NOT_SHOWN = "(value not shown: it is too long, looks like a credential or holds "
      + "characters that are not echoed)";
  private static final int MAX = 64;
  private static final Pattern CREDENTIAL_LIKE = Pattern.compile("[A-Za-z0-9_\\-+/=]{24,}");

  private SafeEcho() {}

  /**
   * The input in quotes, or a placeholder when it must not be repeated.
   *
   * @param input the user's value, possibly {@code null}
   * @return text for an error message
   */
  public static String quote(String input) {
    if (input == null) {
      return "null";
    }
    return isSafe(input) ? "'" + input + "'" : NOT_SHOWN;
  }

  /**
   * Whether a value may be repeated verbatim (see the class description).
   *
   * @param input the value; never {@code null}
   * @return {@code true} when it may be echoed
   */
  public static boolean isSafe(String input) {
    return input.length() <= MAX && !CREDENTIAL_LIKE.matcher(input).find()
        && input.codePoints().allMatch(SafeEcho::isShowable);
  }

  private static boolean isShowable(int cp) {
    if ("<>&\"`\\".indexOf(cp) >= 0) {
      return false;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
      case Character.UNASSIGNED:
        return false;
      default:
        return true;
    }
  }
}
