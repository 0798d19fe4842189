package dev.tokenkit.servlet;

import dev.tokenkit.signature.SignedRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * An {@link HttpServletRequest} as RFC 9421 components: the method, the scheme, the {@code Host} header as the
 * authority, the raw (undecoded) request URI as the path and the raw query string. Used by one thread.
 */
final class ServletSignedRequest implements SignedRequest {
  private final HttpServletRequest request;

  ServletSignedRequest(HttpServletRequest request) {
    this.request = request;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String scheme() {
    return request.getScheme();
  }

  @Override
  public String authority() {
    String host = request.getHeader("Host");
    if (host != null && !host.isBlank()) {
      return host;
    }
    String name = request.getServerName();
    return (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + request.getServerPort();
  }

  @Override
  public String path() {
    String uri = request.getRequestURI();
    return uri == null || uri.isEmpty() ? "/" : uri;
  }

  @Override
  public String query() {
    return request.getQueryString();
  }

  @Override
  public List<String> headerValues(String lowercaseName) {
    Enumeration<String> values = request.getHeaders(lowercaseName);
    return values == null ? List.of() : Collections.list(values);
  }
}
