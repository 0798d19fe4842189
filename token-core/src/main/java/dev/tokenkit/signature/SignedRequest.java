package dev.tokenkit.signature;

import java.util.List;

/**
 * The parts of an HTTP request that RFC 9421 message components are taken from, as the server received them or
 * the client will send them. The servlet filter adapts {@code HttpServletRequest}; the client helper adapts
 * {@code java.net.http.HttpRequest}. Implementations return raw (not percent-decoded) path and query.
 *
 * <pre>{@code
 * SignedRequest r = SignedRequest.of("POST", "https", "api.example.com", "/orders", "page=2",
 *     Map.of("content-type", List.of("application/json")));
 * }</pre>
 */
public interface SignedRequest {
  /**
   * The method, e.g. {@code POST} (case as sent; {@code @method} keeps it).
   *
   * @return the method; never {@code null}
   */
  String method();

  /**
   * The scheme, {@code http} or {@code https}.
   *
   * @return the scheme; never {@code null}
   */
  String scheme();

  /**
   * The authority as sent in {@code Host} (or HTTP/2 {@code :authority}); normalised by the signer and verifier
   * (lowercase, default port removed).
   *
   * @return the authority; never {@code null}
   */
  String authority();

  /**
   * The absolute path of the target URI, not decoded, without the query; {@code /} when empty.
   *
   * @return the path; never {@code null}
   */
  String path();

  /**
   * The raw query without the leading {@code ?}, or {@code null} when the target has no query.
   *
   * @return the query or {@code null}
   */
  String query();

  /**
   * Every field line of a header, in order.
   *
   * @param lowercaseName the field name in lowercase, e.g. {@code content-digest}
   * @return the values; empty when absent; never {@code null}
   */
  List<String> headerValues(String lowercaseName);

  /**
   * A request from plain values (tests, custom transports).
   *
   * @param method the method
   * @param scheme {@code http} or {@code https}
   * @param authority host and optional port
   * @param path the raw path
   * @param query the raw query without {@code ?}, or {@code null}
   * @param headers lowercase field name to field lines
   * @return the request view
   */
  static SignedRequest of(String method, String scheme, String authority, String path, String query,
      java.util.Map<String, List<String>> headers) {
    java.util.Map<String, List<String>> copy = java.util.Map.copyOf(headers);
    return new SignedRequest() {
      @Override
      public String method() {
        return method;
      }

      @Override
      public String scheme() {
        return scheme;
      }

      @Override
      public String authority() {
        return authority;
      }

      @Override
      public String path() {
        return path;
      }

      @Override
      public String query() {
        return query;
      }

      @Override
      public List<String> headerValues(String lowercaseName) {
        return copy.getOrDefault(lowercaseName, List.of());
      }
    };
  }
}
