package dev.tokenkit.signature;

import java.util.List;
import java.util.Locale;

/**
 * Builds the RFC 9421 §2.5 signature base: one line per covered component, then {@code "@signature-params"}.
 * Derived components supported: {@code @method}, {@code @target-uri}, {@code @authority}, {@code @scheme},
 * {@code @request-target}, {@code @path}, {@code @query}; any header field by its lowercase name. Component
 * parameters ({@code ;sf}, {@code ;key}, {@code ;bs}, {@code ;req}, {@code ;tr}) are not supported.
 */
final class SignatureBase {
  private SignatureBase() {}

  /** A covered component the request cannot provide, or one this implementation does not support. */
  static final class ComponentException extends Exception {
    private static final long serialVersionUID = 1L;

    ComponentException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The signature base.
   *
   * @param request the request
   * @param components the covered component names (lowercase header names or derived {@code @...} names)
   * @param serializedParams the serialised signature parameters (the inner list with its parameters)
   * @return the base, lines joined by {@code \n}, no trailing newline
   * @throws ComponentException when a component is absent or unsupported
   */
  static String build(SignedRequest request, List<String> components, String serializedParams)
      throws ComponentException {
    StringBuilder base = new StringBuilder(256);
    for (String name : components) {
      String value = value(request, name);
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new ComponentException("component " + name + " holds a line break");
      }
      StructuredFields.bare(name, base);
      base.append(": ").append(value).append('\n');
    }
    base.append("\"@signature-params\": ").append(serializedParams);
    return base.toString();
  }

  static String value(SignedRequest r, String name) throws ComponentException {
    switch (name) {
      case "@method":
        return r.method();
      case "@authority":
        return authority(r.scheme(), r.authority());
      case "@scheme":
        return r.scheme().toLowerCase(Locale.ROOT);
      case "@target-uri":
        return r.scheme().toLowerCase(Locale.ROOT) + "://" + authority(r.scheme(), r.authority()) + requestTarget(r);
      case "@request-target":
        return requestTarget(r);
      case "@path":
        return path(r);
      case "@query":
        return "?" + (r.query() == null ? "" : r.query());
      default:
        if (name.startsWith("@")) {
          throw new ComponentException("unsupported derived component " + name);
        }
        List<String> lines = r.headerValues(name);
        if (lines.isEmpty()) {
          throw new ComponentException("covered header " + name + " is not in the request");
        }
        StringBuilder v = new StringBuilder();
        for (String line : lines) {
          if (v.length() > 0) {
            v.append(", ");
          }
          v.append(line.strip());
        }
        return v.toString();
    }
  }

  private static String path(SignedRequest r) {
    String p = r.path();
    return p == null || p.isEmpty() ? "/" : p;
  }

  private static String requestTarget(SignedRequest r) {
    return r.query() == null ? path(r) : path(r) + "?" + r.query();
  }

  /**
   * The normalised authority (RFC 9421 §2.2.3): lowercase host, default port of the scheme removed.
   *
   * @param scheme the scheme
   * @param authority the authority as sent
   * @return the normalised authority
   */
  static String authority(String scheme, String authority) {
    String a = authority.strip().toLowerCase(Locale.ROOT);
    String s = scheme.toLowerCase(Locale.ROOT);
    if (s.equals("http") && a.endsWith(":80")) {
      return a.substring(0, a.length() - 3);
    }
    if (s.equals("https") && a.endsWith(":443")) {
      return a.substring(0, a.length() - 4);
    }
    return a;
  }
}
