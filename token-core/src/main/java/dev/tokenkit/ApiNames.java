package dev.tokenkit;

import java.util.regex.Pattern;

/** Validation of API names, shared by grants and route rules. */
final class ApiNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private ApiNames() {}

  static boolean isValid(String api) {
    return NAME.matcher(api).matches();
  }
}
