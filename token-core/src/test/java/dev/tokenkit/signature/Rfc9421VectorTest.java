package dev.tokenkit.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.internal.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 9421 Appendix B.2.5 ("Signing a Request Using hmac-sha256") against the test request of Appendix B.2 and the
 * shared key of Appendix B.1.5: the signature base is byte-for-byte the published one, the MAC is the published
 * one, and the verifier accepts the published headers.
 */
class Rfc9421VectorTest {
  /** Appendix B.1.5, "test-shared-secret". */
  static final byte[] KEY = Base64.getDecoder().decode(
      "uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==");
  static final String SIGNATURE_INPUT =
      "sig-b25=(\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"";
  static final String SIGNATURE = "sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:";
  static final String BASE = "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n"
      + "\"@authority\": example.com\n"
      + "\"content-type\": application/json\n"
      + "\"@signature-params\": (\"date\" \"@authority\" \"content-type\");created=1618884473;keyid=\"test-shared-secret\"";
  static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

  /** Appendix B.2: POST /foo?param=Value&Pet=dog to example.com, with the B.2.5 signature headers. */
  static SignedRequest testRequest(String date) {
    Map<String, List<String>> h = new HashMap<>();
    h.put("host", List.of("example.com"));
    h.put("date", List.of(date));
    h.put("content-type", List.of("application/json"));
    h.put("content-digest", List.of("sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRw"
        + "EmTHWXvJwew==:"));
    h.put("content-length", List.of("18"));
    h.put("signature-input", List.of(SIGNATURE_INPUT));
    h.put("signature", List.of(SIGNATURE));
    return SignedRequest.of("POST", "https", "example.com", "/foo", "param=Value&Pet=dog", h);
  }

  private static SignatureVerifier verifierAt(long epochSecond) {
    return SignatureVerifier.builder()
        .clock(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC))
        .coverRequestTarget(false) // B.2.5 covers date, @authority and content-type only
        .build();
  }

  @Test
  void signatureBaseIsThePublishedOneByteForByte() throws Exception {
    SignatureInput in = SignatureInput.choose(List.of(SIGNATURE_INPUT), List.of(SIGNATURE), "test-shared-secret");
    String base = SignatureBase.build(testRequest("Tue, 20 Apr 2021 02:07:55 GMT"), in.components,
        in.serializedParams);
    assertThat(base).isEqualTo(BASE);
  }

  @Test
  void hmacOfTheBaseIsThePublishedSignature() {
    byte[] mac = HmacSha256.mac(KEY, BASE.getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getEncoder().encodeToString(mac)).isEqualTo("pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=");
  }

  @Test
  void verifierAcceptsThePublishedRequest() {
    SignatureOutcome o = verifierAt(1618884473L).verify(testRequest("Tue, 20 Apr 2021 02:07:55 GMT"), BODY,
        "test-shared-secret", id -> List.of(KEY));
    assertThat(o.isVerified()).as("outcome %s", o).isTrue();
    assertThat(o.label()).isEqualTo("sig-b25");
  }

  @Test
  void anAlteredCoveredHeaderFails() {
    SignatureOutcome o = verifierAt(1618884473L).verify(testRequest("Tue, 20 Apr 2021 02:07:56 GMT"), BODY,
        "test-shared-secret", id -> List.of(KEY));
    assertThat(o.failure()).isEqualTo(SignatureFailure.INVALID);
  }

  @Test
  void anAlteredBodyFailsItsContentDigest() {
    SignatureOutcome o = verifierAt(1618884473L).verify(testRequest("Tue, 20 Apr 2021 02:07:55 GMT"),
        "{\"hello\": \"World\"}".getBytes(StandardCharsets.UTF_8), "test-shared-secret", id -> List.of(KEY));
    assertThat(o.failure()).isEqualTo(SignatureFailure.DIGEST_MISMATCH);
  }

  @Test
  void theSameRequestYearsLaterIsStale() {
    SignatureOutcome o = verifierAt(1618884473L + 301).verify(testRequest("Tue, 20 Apr 2021 02:07:55 GMT"), BODY,
        "test-shared-secret", id -> List.of(KEY));
    assertThat(o.failure()).isEqualTo(SignatureFailure.STALE);
  }

  @Test
  void tokenKitsPolicyRejectsTheVectorForCoveringNeitherMethodNorPath() {
    SignatureVerifier strict = SignatureVerifier.builder()
        .clock(Clock.fixed(Instant.ofEpochSecond(1618884473L), ZoneOffset.UTC)).build();
    SignatureOutcome o = strict.verify(testRequest("Tue, 20 Apr 2021 02:07:55 GMT"), BODY, "test-shared-secret",
        id -> List.of(KEY));
    assertThat(o.failure()).isEqualTo(SignatureFailure.INSUFFICIENT_COVERAGE);
  }
}
