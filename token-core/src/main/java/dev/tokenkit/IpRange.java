package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address range in CIDR notation, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}.
 *
 * <p>A bare address means a single host ({@code /32} or {@code /128}). Parsing never touches DNS: only address
 * literals are accepted. IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) match IPv4 ranges. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * IpRange office = IpRange.parse("203.0.113.0/24");
 * office.contains("203.0.113.7"); // true
 * }</pre>
 */
public final class IpRange {
  private final byte[] network;
  private final int prefixLength;
  private final String text;

  private IpRange(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.text = format(network) + "/" + prefixLength;
  }

  /**
   * Parses CIDR notation or a single address.
   *
   * @param cidr e.g. {@code 192.168.0.0/16}, {@code 2001:db8::/48}, {@code 198.51.100.4}; never {@code null}
   * @return the range
   * @throws InvalidInputException when the text is not a valid range, with the reason and a corrected example
   */
  public static IpRange parse(String cidr) {
    Objects.requireNonNull(cidr, "cidr");
    String s = cidr.trim();
    int slash = s.indexOf('/');
    String addressPart = slash < 0 ? s : s.substring(0, slash);
    byte[] address = parseAddress(addressPart);
    if (address == null) {
      throw invalid(cidr, "not an IPv4 or IPv6 address literal");
    }
    int max = address.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (!p.matches("\\d{1,3}")) {
        throw invalid(cidr, "the prefix length must be a number from 0 to " + max);
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        throw invalid(cidr, "prefix length " + prefix + " is larger than " + max);
      }
    }
    byte[] masked = mask(address, prefix);
    if (!Arrays.equals(masked, address)) {
      throw invalid(cidr, "address has bits set beyond the /" + prefix + " prefix; did you mean "
          + format(masked) + "/" + prefix + "?");
    }
    return new IpRange(masked, prefix);
  }

  /**
   * Whether an address lies in this range.
   *
   * @param ip an address literal; {@code null} or unparsable addresses are never contained
   * @return {@code true} when contained
   */
  public boolean contains(String ip) {
    if (ip == null) {
      return false;
    }
    byte[] address = parseAddress(ip.trim());
    return address != null && contains(address);
  }

  /**
   * Whether an address lies in this range.
   *
   * @param address 4 or 16 address bytes; never {@code null}
   * @return {@code true} when contained
   */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    return Arrays.equals(mask(address, prefixLength), network);
  }

  /**
   * The prefix length in bits.
   *
   * @return 0 to 32 for IPv4, 0 to 128 for IPv6
   */
  public int prefixLength() {
    return prefixLength;
  }

  /**
   * Whether this is an IPv6 range.
   *
   * @return {@code true} for IPv6
   */
  public boolean isIpv6() {
    return network.length == 16;
  }

  /**
   * Parses an address literal without DNS.
   *
   * @param text an IPv4 dotted quad or an IPv6 literal (optionally in brackets)
   * @return 4 or 16 bytes (IPv4-mapped IPv6 addresses give 4), or {@code null} if not a literal
   */
  public static byte[] parseAddress(String text) {
    if (text == null || text.isEmpty() || text.length() > 45) {
      return null;
    }
    String t = text;
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (t.indexOf(':') < 0) {
      return parseIpv4(t);
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
    int dot = t.indexOf('.');
    if (dot >= 0 && parseIpv4(t.substring(t.lastIndexOf(':') + 1)) == null) {
      return null;
    }
    try {
      return InetAddress.getByName(t).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] parseIpv4(String t) {
    String[] parts = t.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')
          || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xFF << (8 - bits));
    }
    return out;
  }

  private static String format(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidInputException invalid(String input, String why) {
    return new InvalidInputException("allowedIps", SafeEcho.quote(input) + " is not a valid IP range: " + why
        + " (examples: 203.0.113.0/24, 2001:db8::/32, 198.51.100.7)");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  /**
   * The canonical CIDR text, e.g. {@code 10.0.0.0/8}; {@link #parse(String)} reads it back.
   *
   * @return the CIDR text
   */
  @Override
  public String toString() {
    return text;
  }
}
