package dev.tokenkit.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Jazzer fuzz target for the headers of signed requests, which come from clients: any {@code Signature-Input},
 * {@code Signature} and {@code Content-Digest} text yields an outcome (verified only with the right key), never an
 * exception. The input is split at the first two NUL bytes into the three headers. Corpus:
 * {@code src/test/resources/dev/tokenkit/signature/SignatureHeadersFuzzTestInputs/<method>/}.
 */
class SignatureHeadersFuzzTest {
  private static final SignatureVerifier VERIFIER = SignatureVerifier.builder()
      .clock(Clock.fixed(Instant.ofEpochSecond(1_772_366_400L), ZoneOffset.UTC)).build();
  private static final byte[] KEY = "tkss_fuzz".getBytes(StandardCharsets.UTF_8);

  @FuzzTest(maxDuration = "2m")
  void arbitrarySignatureHeadersYieldAnOutcome(byte[] input) {
    String[] parts = new String(input, StandardCharsets.UTF_8).split("\u0000", 3);
    String signatureInput = parts[0];
    String signature = parts.length > 1 ? parts[1] : "sig1=:AAAA:";
    String digest = parts.length > 2 ? parts[2] : null;
    Map<String, List<String>> headers = digest == null
        ? Map.of("signature-input", List.of(signatureInput), "signature", List.of(signature))
        : Map.of("signature-input", List.of(signatureInput), "signature", List.of(signature),
            "content-digest", List.of(digest));
    SignedRequest r = SignedRequest.of("POST", "https", "api.example.com", "/api/orders", null, headers);
    SignatureOutcome o = VERIFIER.verify(r, "{}".getBytes(StandardCharsets.UTF_8), "ss_fuzz", id -> List.of(KEY));
    assertThat(o).isNotNull();
    if (digest != null) {
      assertThat(ContentDigest.check(List.of(digest), new byte[0])).isNotNull();
    }
  }
}
