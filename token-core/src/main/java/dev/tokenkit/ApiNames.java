package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one rule for API names, shared by grants ({@link AccessGrants}), the servlet filter's route rules and the
 * management API's catalogue: a letter or digit, then up to 63 letters, digits, '.', '_' or '-' (e.g.
 * {@code orders}, {@code billing.v2}). Names are case-sensitive. Stateless and thread-safe.
 *
 * <pre>{@code
 * ApiNames.isValid("orders");          // true
 * ApiNames.requireValid("orders api"); // IllegalArgumentException saying what a name may hold
 * }</pre>
 */
public final class ApiNames {
  /** The rule in words, for error messages. */
  public static final String RULE = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private ApiNames() {}

  /**
   * Whether a text is a valid API name. The grant for all APIs, {@code *}, is not a name.
   *
   * @param api the text, or {@code null}
   * @return {@code true} when valid
   */
  public static boolean isValid(String api) {
    return api != null && NAME.matcher(api).matches();
  }

  /**
   * Checks an API name given in configuration.
   *
   * @param api the name; never {@code null}
   * @return the name
   * @throws IllegalArgumentException when the name breaks the rule, with the rule and an example
   * @throws NullPointerException when the name is {@code null}
   */
  public static String requireValid(String api) {
    if (!isValid(Objects.requireNonNull(api, "api"))) {
      throw new IllegalArgumentException("API name " + SafeEcho.quote(api) + " must be " + RULE
          + ", e.g. orders (the names used in grants)");
    }
    return api;
  }
}
