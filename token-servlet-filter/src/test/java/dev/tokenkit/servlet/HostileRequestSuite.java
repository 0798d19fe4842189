package dev.tokenkit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile requests sent as raw bytes. For every row: no 500, the status is one of the expected ones, the
 * protected handler is not reached (unless the row carries valid credentials), and neither the response
 * headers nor the body echo the injected marker, token or header.
 */
abstract class HostileRequestSuite extends FilterTestBase {
  /** Injected into paths and values; must never come back. */
  static final String MARKER = "hx7q";

  /** One row of the table. */
  record Row(String name, Function<HostileRequestSuite, String> request, Set<Integer> statuses, boolean validCredentials) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Row reject(String name, Function<HostileRequestSuite, String> request, Integer... statuses) {
    return new Row(name, request, Set.of(statuses), false);
  }

  private static Row valid(String name, Function<HostileRequestSuite, String> request, Integer... statuses) {
    return new Row(name, request, Set.of(statuses), true);
  }

  /** A GET with standard headers plus extra header lines (each ending in CRLF). */
  private static String get(String target, String extraHeaders) {
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extraHeaders + "\r\n";
  }

  private static String get(String target) {
    return get(target, "");
  }

  private static String auth(String token) {
    return "Authorization: Bearer " + token + "\r\n";
  }

  static Stream<Arguments> rows() {
    List<Row> rows = new ArrayList<>();
    // path parameters
    rows.add(reject("matrix parameter, no token", t -> get("/api/orders;" + MARKER + "=1"), 400));
    rows.add(reject("matrix parameter with a valid token", t -> get("/api/orders;" + MARKER + "=1", auth(t.ordersToken)), 400));
    rows.add(reject("matrix parameter before dot-dot", t -> get("/public;" + MARKER + "/../api/orders"), 400));
    rows.add(reject("'..;' segment from public to protected", t -> get("/public/..;" + MARKER + "/api/orders"), 400));
    // encoded dots and slashes
    rows.add(reject("encoded dot-dot, lower case", t -> get("/public/%2e%2e/api/orders/" + MARKER), 400));
    rows.add(reject("encoded dot-dot, upper case", t -> get("/public/%2E%2E/api/orders/" + MARKER), 400));
    rows.add(reject("half-encoded dot-dot", t -> get("/public/.%2e/api/orders/" + MARKER), 400));
    rows.add(reject("encoded slashes from public to protected", t -> get("/public%2F..%2Fapi%2Forders%2F" + MARKER), 400));
    rows.add(reject("encoded slash inside protected path", t -> get("/api%2forders/" + MARKER), 400));
    rows.add(reject("overlong UTF-8 dots", t -> get("/public/%c0%ae%c0%ae/api/orders/" + MARKER), 400));
    rows.add(reject("invalid percent escape", t -> get("/api/orders/%zz" + MARKER), 400));
    // dot segments and double slashes
    rows.add(reject("plain dot-dot from public to protected", t -> get("/public/../api/orders/" + MARKER), 400));
    rows.add(reject("dot segment", t -> get("/api/./orders/" + MARKER), 400));
    rows.add(reject("trailing dot segment", t -> get("/api/orders/" + MARKER + "/."), 400));
    rows.add(reject("leading double slash", t -> get("//api/orders/" + MARKER), 400));
    rows.add(reject("inner double slash", t -> get("/api//orders/" + MARKER), 400));
    // backslashes, NUL, CR/LF
    rows.add(reject("raw backslashes", t -> get("/public\\..\\api\\orders\\" + MARKER), 400));
    rows.add(reject("encoded backslashes", t -> get("/public%5c..%5capi%5corders%5c" + MARKER), 400));
    rows.add(reject("encoded NUL", t -> get("/api/orders/" + MARKER + "%00.json"), 400));
    rows.add(reject("encoded NUL then dot-dot", t -> get("/public/" + MARKER + "%00/../../api/orders"), 400));
    rows.add(reject("encoded CR/LF header injection in path", t -> get("/api/orders/" + MARKER + "%0d%0aX-Injected:%20yes"), 400));
    rows.add(reject("raw CR in request line", t -> "GET /api/orders\r" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 400));
    rows.add(reject("folded header line after Authorization", t -> get("/api/orders",
        "Authorization: Bearer " + t.ordersToken + "\r\n X-Injected: " + MARKER + "\r\n"), 400));
    rows.add(reject("fragment in request target", t -> get("/public#/../api/orders/" + MARKER), 200, 400));
    // case variants and trailing slashes
    rows.add(reject("upper-case path with a valid token", t -> get("/API/orders/" + MARKER, auth(t.ordersToken)), 404));
    rows.add(reject("mixed-case path, no token", t -> get("/Api/Orders/" + MARKER), 404));
    rows.add(reject("trailing slash, no token", t -> get("/api/orders/?" + MARKER), 401));
    rows.add(reject("encoded space appended to API name", t -> get("/api/orders%20" + MARKER), 404));
    // dispatch types
    rows.add(reject("forward from public to protected, no token", t -> get("/public/forward?" + MARKER), 401));
    rows.add(reject("include of protected into public, no token", t -> get("/public/include?" + MARKER), 200));
    rows.add(reject("error page under a protected path, no token", t -> get("/public/error?" + MARKER), 401, 409));
    // duplicated and combined credentials
    rows.add(reject("two valid Authorization headers", t -> get("/api/orders", auth(t.ordersToken) + auth(t.ordersToken)), 400));
    rows.add(reject("valid and bogus Authorization headers", t -> get("/api/orders", auth(t.ordersToken) + auth(MARKER)), 400));
    rows.add(reject("Authorization plus X-API-Key", t -> get("/api/orders", auth(t.ordersToken) + "X-API-Key: " + t.ordersToken + "\r\n"), 400));
    rows.add(reject("two X-API-Key headers", t -> get("/api/orders", "X-API-Key: " + t.ordersToken + "\r\nX-API-Key: " + MARKER + "\r\n"), 400));
    rows.add(reject("two bearer credentials joined by a comma", t -> get("/api/orders", "Authorization: Bearer " + t.ordersToken + ", Bearer " + MARKER + "\r\n"), 400));
    // odd spacing and scheme spelling
    rows.add(valid("several spaces after the scheme", t -> get("/api/orders", "Authorization: Bearer    " + t.ordersToken + "\r\n"), 200));
    rows.add(valid("no space after the header colon", t -> get("/api/orders", "Authorization:Bearer " + t.ordersToken + "\r\n"), 200));
    rows.add(valid("lower-case scheme and header name", t -> get("/api/orders", "authorization: bearer " + t.ordersToken + "\r\n"), 200));
    rows.add(valid("upper-case scheme", t -> get("/api/orders", "Authorization: BEARER " + t.ordersToken + "\r\n"), 200));
    rows.add(reject("tab after the scheme", t -> get("/api/orders", "Authorization: Bearer\t" + t.ordersToken + "\r\n"), 400));
    rows.add(reject("scheme without a token", t -> get("/api/orders", "Authorization: Bearer\r\n"), 400));
    rows.add(reject("'=' instead of a space", t -> get("/api/orders", "Authorization: Bearer=" + t.ordersToken + "\r\n"), 400));
    rows.add(reject("space before the header colon", t -> get("/api/orders", "Authorization : Bearer " + t.ordersToken + "\r\n"), 400));
    rows.add(reject("well-formed b64token that is no TokenKit token", t -> get("/api/orders", auth(MARKER + "-not.a~token")), 401));
    rows.add(reject("revoked token", t -> get("/api/orders/" + MARKER, auth(t.revokedToken)), 401));
    // sizes and non-ASCII
    rows.add(reject("Authorization header over 16 KiB", t -> get("/api/orders", auth("A".repeat(17 * 1024) + MARKER)), 400, 413, 431));
    rows.add(reject("headers over 16 KiB in total", t -> get("/api/orders", ("X-Pad: " + "p".repeat(1000) + "\r\n").repeat(18) + auth(MARKER)), 400, 413, 431));
    rows.add(reject("token longer than any real token", t -> get("/api/orders", auth("tk_" + "a".repeat(2000) + MARKER)), 400));
    rows.add(reject("non-ASCII character in token", t -> get("/api/orders", auth(t.ordersToken + "é" + MARKER)), 400));
    rows.add(reject("raw non-ASCII in path", t -> get("/api/orders/" + MARKER + "é"), 400, 401));
    rows.add(reject("encoded non-ASCII in path, no token", t -> get("/api/orders/%C3%A9" + MARKER), 401));
    // tokens in the query string
    rows.add(reject("token in the query string", t -> get("/api/orders?access_token=" + t.ordersToken), 401));
    rows.add(reject("token in query and bogus header", t -> get("/api/orders?access_token=" + t.ordersToken, auth(MARKER)), 401));
    // spoofed client addresses
    rows.add(reject("spoofed X-Forwarded-For for an IP-restricted token", t -> get("/api/orders", auth(t.officeToken) + "X-Forwarded-For: 203.0.113.7\r\n"), 401));
    rows.add(reject("spoofed Forwarded for an IP-restricted token", t -> get("/api/orders", auth(t.officeToken) + "Forwarded: for=203.0.113.7\r\n"), 401));
    rows.add(reject("spoofed X-Real-IP for an IP-restricted token", t -> get("/api/orders", auth(t.officeToken) + "X-Real-IP: 203.0.113.7\r\n"), 401));
    // methods and request forms
    rows.add(reject("method override header on POST with a read-only token", t -> "POST /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\nX-HTTP-Method-Override: GET\r\n" + auth(t.readerToken) + "\r\n", 403));
    rows.add(reject("lower-case method with a read-only token", t -> "get /api/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + auth(t.readerToken) + "\r\n", 400, 403, 405, 501));
    rows.add(reject("absolute-form request target, no token", t -> "GET http://127.0.0.1/api/orders/" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 400, 401));
    rows.add(reject("HTTP/1.0 without Host, no token", t -> "GET /api/orders/" + MARKER + " HTTP/1.0\r\n\r\n", 400, 401));
    rows.add(reject("two Host headers", t -> "GET /api/orders/" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil." + MARKER + "\r\nConnection: close\r\n" + auth(t.ordersToken) + "\r\n", 400));
    rows.add(reject("asterisk-form OPTIONS", t -> "OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Echo: " + MARKER + "\r\n\r\n", 200, 400, 404));
    rows.add(reject("HEAD without token", t -> "HEAD /api/orders/" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 401));
    rows.add(reject("TRACE without token", t -> "TRACE /api/orders/" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Echo: " + MARKER + "\r\n\r\n", 401, 405));
    rows.add(reject("Content-Length plus chunked smuggling a protected request", t -> {
      String smuggled = "GET /api/orders/" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      String body = "0\r\n\r\n" + smuggled;
      return "POST /public/x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length()
          + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + body;
    }, 200, 400));
    return rows.stream().map(r -> Arguments.of(r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void hostileRequestIsHandledSafely(Row row) throws Exception {
    String request = row.request().apply(this);
    RawHttp.Response response = RawHttp.send(container.port(), request.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as("status of '%s' (response: %s)", row.name(), abbreviate(response.raw()))
        .isNotEqualTo(500).isIn(row.statuses());
    if (!row.validCredentials()) {
      assertThat(app.protectedHits).as("protected handler reached by '%s'", row.name()).hasValue(0);
      assertThat(response.body()).doesNotContain(TestApp.PROTECTED_MARKER);
    }
    String echoed = response.raw().toLowerCase(Locale.ROOT);
    assertThat(echoed).as("response to '%s' echoes the input: %s", row.name(), abbreviate(response.raw()))
        .doesNotContain(MARKER)
        .doesNotContain("x-injected")
        .doesNotContain(ordersToken.toLowerCase(Locale.ROOT))
        .doesNotContain(officeToken.toLowerCase(Locale.ROOT))
        .doesNotContain(readerToken.toLowerCase(Locale.ROOT))
        .doesNotContain(revokedToken.toLowerCase(Locale.ROOT));
  }

  private static String abbreviate(String s) {
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }
}
