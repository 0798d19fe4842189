package dev.tokenkit.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Reads the one presented token from {@code Authorization: Bearer} (RFC 6750 §2.1, scheme matched
 * case-insensitively), an optional API-key header and, only when enabled, one query parameter. Two credentials,
 * a repeated header or parameter, or a malformed bearer value make the request invalid. The filter and the
 * management API read credentials with this one parser. Immutable and thread-safe.
 */
public final class Credentials {
  /** Longest accepted credential, far above any TokenKit token; longer values are invalid requests. */
  public static final int MAX_LENGTH = 1024;

  /** Outcome of reading credentials. */
  public enum Status {
    /** No credential of ours: no {@code Authorization: Bearer}, API-key header or enabled query parameter. */
    NONE,
    /** Exactly one well-formed credential. */
    PRESENT,
    /** Two credentials, a repeated header or parameter, or a malformed value: a 400 {@code invalid_request}. */
    INVALID
  }

  /** What was found; the token is set only for {@link Status#PRESENT}. Its {@code toString} shows no token. */
  public static final class Result {
    static final Result NONE = new Result(Status.NONE, null);
    static final Result INVALID = new Result(Status.INVALID, null);

    private final Status status;
    private final String token;

    private Result(Status status, String token) {
      this.status = status;
      this.token = token;
    }

    static Result of(String token) {
      return new Result(Status.PRESENT, token);
    }

    /**
     * What was found.
     *
     * @return the status; never {@code null}
     */
    public Status status() {
      return status;
    }

    /**
     * The presented token.
     *
     * @return the token for {@link Status#PRESENT}, otherwise {@code null}
     */
    public String token() {
      return token;
    }

    @Override
    public String toString() {
      return "Credentials.Result[" + status + "]";
    }
  }

  private static final String BEARER = "Bearer";

  private final String apiKeyHeader;
  private final String queryParameter;

  /**
   * @param apiKeyHeader an extra header holding the bare token, already validated, or {@code null}
   * @param queryParameter a query parameter holding the token, already validated, or {@code null} (disabled)
   */
  public Credentials(String apiKeyHeader, String queryParameter) {
    this.apiKeyHeader = apiKeyHeader;
    this.queryParameter = queryParameter;
  }

  /**
   * Reads the request's credential.
   *
   * @param request the request
   * @return what was found; never {@code null}
   */
  public Result read(HttpServletRequest request) {
    String found = null;
    int count = 0;

    String auth = single(request.getHeaders("Authorization"));
    if (auth == MULTIPLE) {
      return Result.INVALID;
    }
    if (auth != null) {
      int scheme = bearerSchemeEnd(auth);
      if (scheme == -2) {
        return Result.INVALID;
      }
      if (scheme >= 0) {
        int i = scheme;
        while (i < auth.length() && auth.charAt(i) == ' ') {
          i++;
        }
        if (i == scheme) {
          return Result.INVALID;
        }
        String token = stripTrailingSpaces(auth.substring(i));
        if (!isB64Token(token)) {
          return Result.INVALID;
        }
        found = token;
        count++;
      }
      // any other scheme belongs to someone else: not a credential of ours
    }

    if (apiKeyHeader != null) {
      String key = single(request.getHeaders(apiKeyHeader));
      if (key == MULTIPLE) {
        return Result.INVALID;
      }
      if (key != null) {
        String token = key.trim();
        if (!isB64Token(token)) {
          return Result.INVALID;
        }
        found = token;
        count++;
      }
    }

    if (queryParameter != null) {
      String q = queryValue(request.getQueryString());
      if (q == MULTIPLE) {
        return Result.INVALID;
      }
      if (q != null) {
        if (!isB64Token(q)) {
          return Result.INVALID;
        }
        found = q;
        count++;
      }
    }

    if (count > 1) {
      return Result.INVALID;
    }
    return count == 0 ? Result.NONE : Result.of(found);
  }

  /** Sentinel for "more than one value". */
  private static final String MULTIPLE = new String("<multiple>");

  private static String single(Enumeration<String> values) {
    if (values == null || !values.hasMoreElements()) {
      return null;
    }
    String first = values.nextElement();
    if (values.hasMoreElements()) {
      return MULTIPLE;
    }
    return first == null ? "" : first;
  }

  /**
   * @return the index after "Bearer" when the value uses the Bearer scheme, -1 for another scheme, -2 when
   *     malformed (empty value, or "Bearer" followed by something other than a space)
   */
  private static int bearerSchemeEnd(String v) {
    String s = v;
    if (s.isBlank()) {
      return -2;
    }
    int lead = 0;
    while (lead < s.length() && (s.charAt(lead) == ' ' || s.charAt(lead) == '\t')) {
      lead++;
    }
    if (lead > 0) {
      return -2; // containers strip leading whitespace; anything left is odd
    }
    if (s.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      if (s.length() == BEARER.length()) {
        return -2; // "Bearer" without a token
      }
      char next = s.charAt(BEARER.length());
      if (next == ' ') {
        return BEARER.length();
      }
      if (Character.isLetterOrDigit(next) || next == '-' || next == '_') {
        return -1; // another scheme whose name starts with "Bearer"
      }
      return -2; // tab, comma, '=' ... directly after the scheme
    }
    return -1;
  }

  private static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * The request's method, path (without the query string) and user agent, as the audit trail records them when a
   * canary token is presented (the core sanitises and bounds them).
   *
   * @param request the request
   * @return the details
   */
  public static dev.tokenkit.RequestInfo requestInfo(HttpServletRequest request) {
    return new dev.tokenkit.RequestInfo(request.getMethod(), request.getRequestURI(), request.getHeader("User-Agent"));
  }

  /** 1 for the b64token characters before the padding (ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/"). */
  private static final boolean[] B64 = new boolean[128];

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      B64[c] = true;
      B64[c + ('a' - 'A')] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      B64[c] = true;
    }
    for (char c : "-._~+/".toCharArray()) {
      B64[c] = true;
    }
  }

  /** RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". One table lookup per character. */
  public static boolean isB64Token(String s) {
    int n = s.length();
    if (n == 0 || n > MAX_LENGTH) {
      return false;
    }
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 128 || !B64[c]) {
        break;
      }
      i++;
    }
    if (i == 0) {
      return false;
    }
    while (i < n && s.charAt(i) == '=') {
      i++;
    }
    return i == n;
  }

  /** The raw value of the configured parameter in the query string, without decoding; MULTIPLE if repeated. */
  private String queryValue(String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    String value = null;
    int start = 0;
    int n = query.length();
    while (start <= n) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = n;
      }
      int eq = query.indexOf('=', start);
      int keyEnd = eq >= 0 && eq < end ? eq : end;
      if (keyEnd - start == queryParameter.length() && query.regionMatches(start, queryParameter, 0, keyEnd - start)) {
        if (value != null) {
          return MULTIPLE;
        }
        value = keyEnd < end ? query.substring(keyEnd + 1, end) : "";
      }
      start = end + 1;
    }
    return value;
  }
}
