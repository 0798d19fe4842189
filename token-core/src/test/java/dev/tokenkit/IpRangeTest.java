package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

  @Test
  void ipv4RangesContainTheirAddresses() {
    IpRange r = IpRange.parse("203.0.113.0/24");
    assertThat(r.contains("203.0.113.0")).isTrue();
    assertThat(r.contains("203.0.113.255")).isTrue();
    assertThat(r.contains("203.0.114.1")).isFalse();
    assertThat(r.contains("::ffff:203.0.113.9")).isTrue();
    assertThat(r.contains("2001:db8::1")).isFalse();
    assertThat(r.contains((String) null)).isFalse();
    assertThat(r.contains("not-an-ip")).isFalse();
    assertThat(r).hasToString("203.0.113.0/24");
  }

  @Test
  void ipv6RangesContainTheirAddresses() {
    IpRange r = IpRange.parse("2001:db8::/32");
    assertThat(r.isIpv6()).isTrue();
    assertThat(r.contains("2001:db8:ffff::1")).isTrue();
    assertThat(r.contains("[2001:db8::2]")).isTrue();
    assertThat(r.contains("2001:db9::1")).isFalse();
    assertThat(r.contains("10.0.0.1")).isFalse();
  }

  @Test
  void bareAddressesAreSingleHostsAndZeroPrefixIsEverything() {
    assertThat(IpRange.parse("198.51.100.7").prefixLength()).isEqualTo(32);
    assertThat(IpRange.parse("198.51.100.7").contains("198.51.100.8")).isFalse();
    assertThat(IpRange.parse("::1").prefixLength()).isEqualTo(128);
    assertThat(IpRange.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    assertThat(IpRange.parse("::/0").contains("2001:db8::1")).isTrue();
  }

  @Test
  void canonicalTextRoundTrips() {
    for (String s : new String[] {"10.0.0.0/8", "2001:db8:0:0:0:0:0:0/32", " 192.168.1.0/24 "}) {
      IpRange r = IpRange.parse(s);
      assertThat(IpRange.parse(r.toString())).isEqualTo(r);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10.0.0", "10.0.0.256", "10.0.0.1/33", "10.0.0.0/-1", "10.0.0.0/8/8", "010.0.0.1",
      "example.com", "localhost", "fe80::1%eth0", "2001:db8::/129", "1.2.3.4/abc", "::ffff:1.2.3", "1.2.3.4.5",
      "10.0.0.1/8", "2001:zz8::/32", "١٢٣.1.1.1"})
  void invalidRangesAreRejectedWithAnExample(String input) {
    assertThatThrownBy(() -> IpRange.parse(input))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a valid IP range")
        .hasMessageContaining("examples:")
        .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKey("allowedIps"));
  }

  @Test
  void hostBitsGetASuggestion() {
    assertThatThrownBy(() -> IpRange.parse("10.1.2.3/8")).hasMessageContaining("did you mean 10.0.0.0/8?");
  }
}
