package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address, parsed once from its literal text, e.g. the client address of a request.
 *
 * <p>Parsing never touches DNS: only address literals are accepted (dotted quads without leading zeros, IPv6
 * literals optionally in brackets, no zone ids). An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}) is the IPv4
 * address it maps. {@link #toString()} is the canonical text ({@code 203.0.113.7}, {@code 2001:db8:0:0:0:0:0:7}),
 * which {@link #parse(String)} reads back. Immutable and thread-safe.
 *
 * <pre>{@code
 * IpAddress client = IpAddress.parse("203.0.113.7");
 * IpRange.parse("203.0.113.0/24").contains(client);          // true
 * tokens.authenticate(token, new AuthContext(client, "orders", AccessLevel.READ));
 * }</pre>
 */
public final class IpAddress {
  /** Longest IPv6 literal (with an embedded IPv4 address); longer text is never parsed. */
  private static final int MAX_LITERAL = 45;

  private final byte[] bytes;
  private final String text;

  private IpAddress(byte[] bytes, String text) {
    this.bytes = bytes;
    this.text = text;
  }

  /**
   * Parses an address literal.
   *
   * @param literal e.g. {@code 203.0.113.7}, {@code 2001:db8::7}, {@code [::1]}; never {@code null}
   * @return the address
   * @throws IllegalArgumentException when the text is not an IPv4 or IPv6 address literal
   */
  public static IpAddress parse(String literal) {
    Objects.requireNonNull(literal, "literal");
    return tryParse(literal).orElseThrow(() -> new IllegalArgumentException(SafeEcho.quote(literal)
        + " is not an IPv4 or IPv6 address literal (examples: 203.0.113.7, 2001:db8::7)"));
  }

  /**
   * Parses an address literal from an untrusted source, such as a forwarding header, without throwing.
   *
   * @param text the text, or {@code null}
   * @return the address, or empty when the text is {@code null} or not an address literal
   */
  public static Optional<IpAddress> tryParse(String text) {
    byte[] bytes = parseBytes(text);
    if (bytes == null) {
      return Optional.empty();
    }
    // the strict dotted-quad parser accepts only canonical text, so a plain IPv4 literal is its own canonical form
    boolean canonical = bytes.length == 4 && text.charAt(0) != '[' && text.indexOf(':') < 0;
    return Optional.of(new IpAddress(bytes, canonical ? text : format(bytes)));
  }

  /**
   * Whether this is an IPv6 address (IPv4-mapped addresses count as IPv4).
   *
   * @return {@code true} for IPv6
   */
  public boolean isIpv6() {
    return bytes.length == 16;
  }

  /** The 4 or 16 address bytes; not copied, callers must not modify them. */
  byte[] bytes() {
    return bytes;
  }

  /**
   * Parses an address literal to its bytes without DNS.
   *
   * @param text an IPv4 dotted quad or an IPv6 literal (optionally in brackets), or {@code null}
   * @return 4 or 16 bytes (IPv4-mapped IPv6 addresses give 4), or {@code null} if not a literal
   */
  static byte[] parseBytes(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LITERAL) {
      return null;
    }
    String t = text;
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.isEmpty()) {
      return null;
    }
    if (t.indexOf(':') < 0) {
      return parseIpv4(t, 0, t.length());
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
      if (!ok) {
        return null; // also rejects zone ids ('%'), which could be resolved as names
      }
    }
    if (t.charAt(0) != ':' && Character.digit(t.charAt(0), 16) < 0) {
      return null; // InetAddress.getByName treats such text (e.g. ".:1.2.3.4") as a host name and looks it up
    }
    if (t.indexOf('.') >= 0 && parseIpv4(t, t.lastIndexOf(':') + 1, t.length()) == null) {
      return null;
    }
    try {
      return InetAddress.getByName(t).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** A strict dotted quad in {@code t[from, to)}: four decimal octets, no leading zeros, ASCII digits only. */
  private static byte[] parseIpv4(String t, int from, int to) {
    byte[] out = new byte[4];
    int octet = 0;
    int value = 0;
    int digits = 0;
    for (int i = from; i <= to; i++) {
      char c = i < to ? t.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        if (digits == 1 && value == 0) {
          return null; // leading zero
        }
        value = value * 10 + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else if (c == '.' && digits > 0 && octet < 4) {
        out[octet++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    return octet == 4 ? out : null;
  }

  /** Canonical text of 4 or 16 address bytes. */
  static String format(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /**
   * The canonical text, e.g. {@code 203.0.113.7} or {@code 2001:db8:0:0:0:0:0:7}.
   *
   * @return the address literal
   */
  @Override
  public String toString() {
    return text;
  }
}
