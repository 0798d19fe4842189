package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regression: text that passes the IPv6 character filter but does not start with a hex digit or ':' (e.g.
 * {@code .:1.2.3.4}) made {@code InetAddress.getByName} fall through to a name lookup, so an allow-list entry or a
 * client IP header could trigger DNS queries. The test JVM uses {@code src/test/resources/dns-trap.hosts}, where
 * such names resolve to 10.9.9.9, so a lookup would show up as a parsed address.
 */
class IpRangeNeverResolvesNamesTest {
  @BeforeAll
  static void theTrapIsArmed() throws Exception {
    assertThat(InetAddress.getByName(".:1.2.3.4").getHostAddress())
        .as("surefire runs with -Djdk.net.hosts.file=src/test/resources/dns-trap.hosts").isEqualTo("10.9.9.9");
  }

  @Test
  void textStartingWithADotIsNotAnAddressAndIsNeverLookedUp() {
    assertThat(IpAddress.tryParse(".:1.2.3.4")).isEmpty();
    assertThat(IpAddress.tryParse(".::1")).isEmpty();
    assertThat(IpRange.parse("10.0.0.0/8").contains(".:1.2.3.4")).isFalse();
    assertThatThrownBy(() -> IpRange.parse(".:1.2.3.4")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not an IPv4 or IPv6 address literal");
  }

  @Test
  void realLiteralsStillParse() {
    assertThat(IpAddress.parse("::1").isIpv6()).isTrue();
    assertThat(IpAddress.parse("::ffff:10.0.0.1")).hasToString("10.0.0.1");
    assertThat(IpAddress.parse("[2001:db8::7]")).hasToString("2001:db8:0:0:0:0:0:7");
    assertThat(IpRange.parse("fe80::/10").toString()).isEqualTo("fe80:0:0:0:0:0:0:0/10");
  }
}
