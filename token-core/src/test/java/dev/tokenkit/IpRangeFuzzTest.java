package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jazzer fuzz target for CIDR parsing: only {@link InvalidInputException} may escape, every parsed range
 * round-trips through its canonical text and contains its own network address. Corpus:
 * {@code src/test/resources/dev/tokenkit/IpRangeFuzzTestInputs/<method>/}.
 */
class IpRangeFuzzTest {
  private static final List<IpRange> RANGES = List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("0.0.0.0/0"),
      IpRange.parse("2001:db8::/32"), IpRange.parse("::/0"), IpRange.parse("198.51.100.7"));

  @FuzzTest(maxDuration = "2m")
  void arbitraryTextIsEitherACanonicalRangeOrInvalidInput(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);

    IpAddress address = IpAddress.tryParse(text).orElse(null);
    if (address != null) {
      assertThat(IpAddress.parse(address.toString())).as("canonical text reads back").isEqualTo(address);
    }
    IpAddress trimmed = IpAddress.tryParse(text.trim()).orElse(null); // contains(String) trims, as parse() does
    for (IpRange r : RANGES) {
      boolean contained = r.contains(text);
      assertThat(!contained || trimmed != null).as("contains() accepted a non-address").isTrue();
      assertThat(contained).isEqualTo(r.contains(trimmed));
    }

    IpRange range;
    try {
      range = IpRange.parse(text);
    } catch (InvalidInputException e) {
      assertThat(e.fieldErrors()).containsKey("allowedIps");
      return;
    }
    assertThat(range.prefixLength()).isBetween(0, range.isIpv6() ? 128 : 32);
    IpRange again = IpRange.parse(range.toString());
    assertThat(again).isEqualTo(range);
    assertThat(again.toString()).isEqualTo(range.toString());
    String network = range.toString().substring(0, range.toString().indexOf('/'));
    assertThat(range.contains(network)).as("%s contains its network address", range).isTrue();
  }
}
