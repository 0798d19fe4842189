package dev.tokenkit;

import dev.tokenkit.internal.ParsedToken;
import dev.tokenkit.internal.TokenCodec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The token format {@code <prefix>_<id><secret><checksum>}: characters {@code [A-Za-z0-9_]} only, a 16-character
 * base62 id, a 43-character base62 secret (256 bits from {@link SecureRandom}) and a 6-character base62 CRC32 of
 * everything before it. Mistyped or truncated tokens fail the checksum and are rejected without a store lookup.
 *
 * <p>Tokens are issued with the first prefix; every listed prefix is accepted (e.g. {@code acme_live} and
 * {@code acme_test}). Immutable and thread-safe.
 *
 * <pre>{@code
 * TokenFormat format = TokenFormat.withPrefix("acme_live").alsoAccepting("acme_test");
 * format.regex(); // \b(?:acme_live|acme_test)_[A-Za-z0-9]{65}\b
 * }</pre>
 */
public final class TokenFormat {
  /**
   * A regular expression that matches TokenKit tokens of any prefix, for secret scanners.
   */
  public static final String SCANNER_REGEX = "\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*_[A-Za-z0-9]{65}\\b";

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final TokenFormat DEFAULT = new TokenFormat(List.of("tk"));

  private final List<String> prefixes;
  private final TokenCodec codec;

  private TokenFormat(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
    this.codec = new TokenCodec(this.prefixes);
  }

  /**
   * The default format, prefix {@code tk}.
   *
   * @return the format
   */
  public static TokenFormat defaults() {
    return DEFAULT;
  }

  /**
   * A format issuing with {@code prefix}.
   *
   * @param prefix lowercase letters and digits, optionally in '_'-separated groups, starting with a letter, at
   *     most 32 characters (e.g. {@code acme_live})
   * @return the format
   * @throws IllegalArgumentException when the prefix is malformed
   */
  public static TokenFormat withPrefix(String prefix) {
    return new TokenFormat(List.of(checkPrefix(prefix)));
  }

  /**
   * A copy that also accepts (but does not issue with) more prefixes.
   *
   * @param more further prefixes
   * @return the format
   * @throws IllegalArgumentException when a prefix is malformed
   */
  public TokenFormat alsoAccepting(String... more) {
    List<String> all = new ArrayList<>(prefixes);
    for (String p : more) {
      if (!all.contains(checkPrefix(p))) {
        all.add(p);
      }
    }
    return new TokenFormat(all);
  }

  private static String checkPrefix(String prefix) {
    if (prefix == null || prefix.length() > 32 || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("token prefix '" + prefix + "' must start with a lowercase letter and use "
          + "only lowercase letters, digits and single '_' separators, at most 32 characters (e.g. 'acme_live')");
    }
    return prefix;
  }

  /**
   * The prefix new tokens get.
   *
   * @return the issuing prefix
   */
  public String issuePrefix() {
    return prefixes.get(0);
  }

  /**
   * Every accepted prefix, the issuing one first.
   *
   * @return the prefixes
   */
  public List<String> acceptedPrefixes() {
    return prefixes;
  }

  /**
   * A regular expression matching exactly the tokens of this format's prefixes.
   *
   * @return the regex
   */
  public String regex() {
    // prefixes are [a-z0-9_] only, so they need no quoting
    return "\\b(?:" + String.join("|", prefixes) + ")_[A-Za-z0-9]{" + TokenCodec.BODY_LENGTH + "}\\b";
  }

  /**
   * Whether a text is a well-formed token of an accepted prefix (length, alphabet, checksum). Does not say the
   * token exists.
   *
   * @param token the text, possibly {@code null}
   * @return {@code true} when well-formed
   */
  public boolean isWellFormed(String token) {
    return codec.parse(token) != null;
  }

  String newToken(String id, SecureRandom random) {
    return TokenCodec.newToken(issuePrefix(), id, random);
  }

  /**
   * The public id inside a well-formed token, e.g. to look it up or revoke it.
   *
   * @param token the full token
   * @return the id
   * @throws InvalidInputException when the token is malformed
   */
  public String idOf(String token) {
    ParsedToken p = codec.parse(token);
    if (p == null) {
      throw new InvalidInputException("token", "not a well-formed token of prefix " + prefixes);
    }
    return p.id();
  }

  @Override
  public String toString() {
    return "TokenFormat" + prefixes;
  }
}
