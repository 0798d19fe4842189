package dev.tokenkit.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A request that carries only a peer address, headers and a query string, for fuzz targets that call the filter's
 * parsers directly (tens of thousands of executions per second rule out a real container). Any other method
 * throws, so a parser that starts depending on more of the request fails loudly instead of reading defaults.
 */
final class HeaderOnlyRequest {
  private HeaderOnlyRequest() {}

  static HttpServletRequest of(String remoteAddr, Map<String, List<String>> headers, String query) {
    return (HttpServletRequest) Proxy.newProxyInstance(HeaderOnlyRequest.class.getClassLoader(),
        new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getRemoteAddr" -> remoteAddr;
          case "getQueryString" -> query;
          case "getHeaders" -> Collections.enumeration(valuesOf(headers, (String) args[0]));
          case "getHeader" -> valuesOf(headers, (String) args[0]).stream().findFirst().orElse(null);
          case "toString" -> "HeaderOnlyRequest";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException("HeaderOnlyRequest does not support "
              + method.getName() + "; use a real container test for that");
        });
  }

  private static List<String> valuesOf(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return List.of();
  }
}
