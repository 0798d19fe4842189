package dev.tokenkit.servlet;

/**
 * Which header a trusted reverse proxy uses to pass on the client address. {@link TokenAuthFilter} reads only
 * this one header, only when the socket peer is a trusted proxy, and walks it right to left past the trusted
 * proxies: the first untrusted address is the client. Configure the one your proxy actually writes; a header
 * the proxy merely passes through is under the client's control.
 *
 * <pre>{@code
 * TokenAuthFilter.builder(tokens).routes(rules)
 *     .trustedProxies("10.0.0.0/8").forwardedHeader(ForwardedHeader.FORWARDED).build();
 * }</pre>
 */
public enum ForwardedHeader {
  /** {@code X-Forwarded-For: client, proxy1, proxy2} (the default). */
  X_FORWARDED_FOR("X-Forwarded-For"),
  /** RFC 7239 {@code Forwarded: for=client;proto=https, for="[2001:db8::1]:4711"}. */
  FORWARDED("Forwarded");

  private final String headerName;

  ForwardedHeader(String headerName) {
    this.headerName = headerName;
  }

  /**
   * The HTTP header name.
   *
   * @return e.g. {@code X-Forwarded-For}
   */
  public String headerName() {
    return headerName;
  }
}
