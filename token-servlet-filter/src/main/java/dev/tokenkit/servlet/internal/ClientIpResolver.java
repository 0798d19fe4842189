package dev.tokenkit.servlet.internal;

import dev.tokenkit.IpAddress;
import dev.tokenkit.IpRange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The client address: the socket peer, or, when the peer is a trusted proxy, the rightmost address in the
 * configured forwarding header that is not a trusted proxy. An entry that is not an address literal ends the
 * walk with an unknown client ({@code null}), so IP-restricted tokens then fail closed. Each address is parsed
 * once, into an {@link IpAddress}. The filter and the management API resolve client addresses with this one
 * resolver. Immutable and thread-safe.
 */
public final class ClientIpResolver {
  /** Ignore absurdly long forwarding chains rather than parse them. */
  private static final int MAX_HOPS = 32;

  private final List<IpRange> trustedProxies;
  private final String headerName;
  private final boolean rfc7239;

  /**
   * @param trustedProxies the reverse proxies whose forwarding header is read; empty to use the peer only
   * @param headerName the forwarding header, e.g. {@code X-Forwarded-For}
   * @param rfc7239 whether the header has the RFC 7239 {@code Forwarded} syntax ({@code for=...})
   */
  public ClientIpResolver(List<IpRange> trustedProxies, String headerName, boolean rfc7239) {
    this.trustedProxies = List.copyOf(trustedProxies);
    this.headerName = headerName;
    this.rfc7239 = rfc7239;
  }

  /**
   * Resolves the client address of a request.
   *
   * @param request the request
   * @return the client address, or {@code null} when unknown (a peer or forwarded entry that is no address literal)
   */
  public IpAddress resolve(HttpServletRequest request) {
    IpAddress peer = peerOf(request.getRemoteAddr());
    if (trustedProxies.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    Enumeration<String> values = request.getHeaders(headerName);
    while (values != null && values.hasMoreElements()) {
      String v = values.nextElement();
      for (String part : v.split(",", -1)) {
        hops.add(part.trim());
        if (hops.size() > MAX_HOPS) {
          return null;
        }
      }
    }
    if (hops.isEmpty()) {
      return peer;
    }
    IpAddress last = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String literal = rfc7239 ? forValue(hops.get(i)) : stripPort(hops.get(i));
      last = IpAddress.tryParse(literal).orElse(null);
      if (last == null || !isTrusted(last)) {
        return last;
      }
    }
    return last; // every hop is a trusted proxy: the leftmost one is the origin
  }

  /**
   * The parsed peer address, remembered per thread for the last peer text seen (issue 14): requests on keep-alive
   * connections repeat their peer, so most requests skip parsing and the {@code Optional}. {@link IpAddress} is
   * immutable, so sharing one instance between requests is safe.
   */
  private static IpAddress peerOf(String text) {
    LastPeer last = LAST_PEER.get();
    if (text != null && text.equals(last.text)) {
      return last.address;
    }
    IpAddress parsed = IpAddress.tryParse(text).orElse(null);
    last.text = text;
    last.address = parsed;
    return parsed;
  }

  private static final ThreadLocal<LastPeer> LAST_PEER = ThreadLocal.withInitial(LastPeer::new);

  /** One thread's last peer text and its address. */
  private static final class LastPeer {
    String text;
    IpAddress address;
  }

  private boolean isTrusted(IpAddress address) {
    if (address == null) {
      return false;
    }
    for (IpRange r : trustedProxies) {
      if (r.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The node of an RFC 7239 {@code for=} parameter in one forwarded-element, without quotes or port. */
  private static String forValue(String element) {
    String found = null;
    for (String pair : element.split(";", -1)) {
      String p = pair.trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
        if (found != null) {
          return null;
        }
        String v = p.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        found = stripPort(v);
        if (found == null) {
          return null;
        }
      }
    }
    return found;
  }

  /** {@code 1.2.3.4:80} → {@code 1.2.3.4}; {@code [2001:db8::1]:80} → {@code 2001:db8::1}; others unchanged. */
  private static String stripPort(String v) {
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0) {
        return null;
      }
      String rest = v.substring(close + 1);
      if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) {
        return null;
      }
      return v.substring(1, close);
    }
    int colon = v.indexOf(':');
    if (colon > 0 && colon == v.lastIndexOf(':') && v.indexOf('.') > 0) {
      String port = v.substring(colon + 1);
      return port.matches("\\d{1,5}") ? v.substring(0, colon) : null;
    }
    return v;
  }
}
