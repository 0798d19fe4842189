package dev.tokenkit.internal;

import java.util.regex.Pattern;

/**
 * Quotes user input for error messages unless it could be a credential: long values, or values holding a long
 * run of token characters (a pasted token in the wrong field), are not echoed.
 */
public final class SafeEcho {
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
    if (input.length() > MAX || CREDENTIAL_LIKE.matcher(input).find()
        || input.chars().anyMatch(Character::isISOControl)) {
      return "(value not shown: it is too long or looks like a credential)";
    }
    return "'" + input + "'";
  }
}
