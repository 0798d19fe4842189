package dev.tokenkit.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenkit.IpAddress;
import dev.tokenkit.IpRange;
import dev.tokenkit.servlet.ForwardedHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz target for client-IP resolution from {@code X-Forwarded-For} / {@code Forwarded} behind trusted
 * proxies. Corpus: {@code src/test/resources/dev/tokenkit/servlet/internal/ClientIpResolverFuzzTestInputs/<method>/}.
 */
class ClientIpResolverFuzzTest {
  private static final List<IpRange> TRUSTED = List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("fd00::/8"));
  private static final String[] PEERS = {"10.0.0.1", "10.1.2.3", "203.0.113.9", "fd00::1", "2001:db8::5"};

  @FuzzTest(maxDuration = "2m")
  void forwardedHeadersYieldTheUntrustedPeerOrAnAddressOrNothing(FuzzedDataProvider data) {
    ForwardedHeader header = data.consumeBoolean() ? ForwardedHeader.X_FORWARDED_FOR : ForwardedHeader.FORWARDED;
    String peer = PEERS[data.consumeInt(0, PEERS.length - 1)];
    List<String> values = new ArrayList<>();
    int n = data.consumeInt(0, 3);
    for (int i = 0; i < n; i++) {
      values.add(data.consumeString(300));
    }
    ClientIpResolver resolver =
        new ClientIpResolver(TRUSTED, header.headerName(), header == ForwardedHeader.FORWARDED);

    IpAddress ip = resolver.resolve(HeaderOnlyRequest.of(peer, Map.of(header.headerName(), values), null));

    boolean peerTrusted = TRUSTED.stream().anyMatch(r -> r.contains(peer));
    if (!peerTrusted) {
      assertThat(ip).as("an untrusted peer's headers are ignored").isEqualTo(IpAddress.parse(peer));
    } else if (ip != null) {
      assertThat(IpAddress.parse(ip.toString())).as("the resolved client IP %s reads back", ip).isEqualTo(ip);
      boolean clientTrusted = TRUSTED.stream().anyMatch(r -> r.contains(ip));
      if (clientTrusted && !ip.equals(IpAddress.parse(peer))) {
        // only when every hop is a trusted proxy may a trusted address come back (the leftmost hop)
        assertThat(values).as("all hops trusted").isNotEmpty();
      }
    }
  }
}
