package dev.tokenkit.internal;

import dev.tokenkit.RequestInfo;
import java.util.regex.Pattern;

/**
 * Untrusted text (request paths, user agents, URLs reported by a secret scanner) made fit for an audit detail: only
 * printable ASCII without markup or quoting characters (anything else becomes {@code ?}, a space {@code +}), runs
 * of 24 or more token characters replaced by {@code [redacted]} so no credential lands in the trail, and each value
 * bounded. The detail column holds 1,000
 * characters; the values here stay well below. Stateless.
 */
public final class AuditText {
  /** The most characters kept of one value. */
  public static final int MAX_VALUE = 240;
  private static final Pattern CREDENTIAL_LIKE = Pattern.compile("[A-Za-z0-9_]{24,}");

  private AuditText() {}

  /**
   * One value as {@code key=value}, sanitised and bounded; {@code key=-} for {@code null}.
   *
   * @param key the field name
   * @param value the untrusted value, or {@code null}
   * @param max the most characters kept (at most {@link #MAX_VALUE})
   * @return the text
   */
  public static String field(String key, String value, int max) {
    return key + "=" + clean(value, Math.min(max, MAX_VALUE));
  }

  /**
   * The value sanitised and bounded.
   *
   * @param value untrusted text, or {@code null}
   * @param max the most characters kept
   * @return the text, {@code -} for {@code null}
   */
  public static String clean(String value, int max) {
    if (value == null || value.isEmpty()) {
      return "-";
    }
    String head = value.length() > max * 2 ? value.substring(0, max * 2) : value;
    StringBuilder b = new StringBuilder(head.length());
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      b.append(c >= 0x21 && c <= 0x7E && "\"\\<>&'`".indexOf(c) < 0 ? c : c == ' ' ? '+' : '?');
    }
    String out = CREDENTIAL_LIKE.matcher(b).replaceAll("[redacted]");
    return out.length() > max ? out.substring(0, max) + "..." : out;
  }

  /**
   * A request's method, path and user agent as one detail: {@code method=GET path=/api/orders userAgent=curl/8.5}.
   *
   * @param info the request, or {@code null}
   * @return the detail
   */
  public static String request(RequestInfo info) {
    if (info == null) {
      return "method=- path=- userAgent=-";
    }
    return field("method", info.method(), 16) + " " + field("path", info.path(), MAX_VALUE) + " "
        + field("userAgent", info.userAgent(), MAX_VALUE);
  }
}
