package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

  @Test
  void ipv4LiteralsAreTheirOwnCanonicalText() {
    IpAddress a = IpAddress.parse("203.0.113.7");
    assertThat(a).hasToString("203.0.113.7");
    assertThat(a.isIpv6()).isFalse();
    assertThat(a).isEqualTo(IpAddress.parse("[203.0.113.7]")).hasSameHashCodeAs(IpAddress.parse("203.0.113.7"));
    assertThat(IpAddress.parse("0.0.0.0")).hasToString("0.0.0.0");
    assertThat(IpAddress.parse("255.255.255.255")).hasToString("255.255.255.255");
  }

  @Test
  void ipv6LiteralsGetOneCanonicalTextAndMappedIpv4IsIpv4() {
    IpAddress a = IpAddress.parse("2001:DB8::7");
    assertThat(a.isIpv6()).isTrue();
    assertThat(a).hasToString("2001:db8:0:0:0:0:0:7").isEqualTo(IpAddress.parse("[2001:db8:0:0:0:0:0:7]"));
    assertThat(IpAddress.parse(a.toString())).isEqualTo(a);
    IpAddress mapped = IpAddress.parse("::ffff:198.51.100.4");
    assertThat(mapped.isIpv6()).isFalse();
    assertThat(mapped).isEqualTo(IpAddress.parse("198.51.100.4")).hasToString("198.51.100.4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " 10.0.0.1", "10.0.0.1 ", "10.0.0", "10.0.0.1.", "1.2.3.4.5", "10.0.0.256", "010.0.0.1",
      "10..0.1", "1000.0.0.1", "example.com", "localhost", "fe80::1%eth0", "2001:zz8::1", "::ffff:1.2.3", "[]",
      "[1.2.3.4", "١٢٣.1.1.1", "10.0.0.0/8", "1:2:3:4:5:6:7:8:9:0:1:2:3:4:5:6:7:8:9:0:1:2:3:4:5:6"})
  void nonLiteralsAreRefused(String text) {
    assertThat(IpAddress.tryParse(text)).isEmpty();
    assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an IPv4 or IPv6 address literal");
  }

  @Test
  void nullIsNoAddress() {
    assertThat(IpAddress.tryParse(null)).isEmpty();
    assertThatThrownBy(() -> IpAddress.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void rangesTestParsedAddressesAndNeverContainAnUnknownClient() {
    IpRange office = IpRange.parse("203.0.113.0/24");
    assertThat(office.contains(IpAddress.parse("203.0.113.200"))).isTrue();
    assertThat(office.contains(IpAddress.parse("::ffff:203.0.113.9"))).isTrue();
    assertThat(office.contains(IpAddress.parse("203.0.114.1"))).isFalse();
    assertThat(office.contains(IpAddress.parse("2001:db8::1"))).isFalse();
    assertThat(office.contains((IpAddress) null)).isFalse();
    IpRange v6 = IpRange.parse("2001:db8:8000::/33");
    assertThat(v6.contains(IpAddress.parse("2001:db8:8000::1"))).isTrue();
    assertThat(v6.contains(IpAddress.parse("2001:db8:7fff::1"))).isFalse();
  }

  @Test
  void authContextParsesTextOnceAndTreatsGarbageAsAnUnknownClient() {
    assertThat(AuthContext.of("203.0.113.7", "orders", AccessLevel.READ).clientIp())
        .isEqualTo(IpAddress.parse("203.0.113.7"));
    assertThat(AuthContext.anyApi("not-an-ip").clientIp()).isNull();
    assertThat(AuthContext.anyApi(null).clientIp()).isNull();
  }
}
