package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
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
 * office.contains(IpAddress.parse("203.0.113.7")); // true, without parsing again
 * }</pre>
 */
public final class IpRange {
  private final byte[] network;
  private final int prefixLength;
  private final String text;

  private IpRange(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
    this.text = IpAddress.format(network) + "/" + prefixLength;
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
    byte[] address = IpAddress.parseBytes(addressPart);
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
          + IpAddress.format(masked) + "/" + prefix + "?");
    }
    return new IpRange(masked, prefix);
  }

  /**
   * Whether an address lies in this range.
   *
   * @param ip an address literal (surrounding whitespace is ignored); {@code null} or unparsable text is never
   *     contained
   * @return {@code true} when contained
   */
  public boolean contains(String ip) {
    return ip != null && contains(IpAddress.parseBytes(ip.trim()));
  }

  /**
   * Whether an address lies in this range; allocation-free, for the per-request check.
   *
   * @param address the address, or {@code null} (an unknown client, never contained)
   * @return {@code true} when contained
   */
  public boolean contains(IpAddress address) {
    return address != null && contains(address.bytes());
  }

  private boolean contains(byte[] address) {
    if (address == null || address.length != network.length) {
      return false;
    }
    for (int i = 0; i < address.length; i++) {
      int bits = Math.max(0, Math.min(8, prefixLength - i * 8));
      if ((address[i] & (0xFF << (8 - bits)) & 0xFF) != (network[i] & 0xFF)) {
        return false;
      }
    }
    return true;
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

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xFF << (8 - bits));
    }
    return out;
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
