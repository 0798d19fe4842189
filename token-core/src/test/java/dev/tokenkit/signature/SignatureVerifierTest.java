package dev.tokenkit.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.sharedsecret.SharedSecretValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** TokenKit's signing policy end to end: what {@link MessageSigner} produces, {@link SignatureVerifier} accepts. */
class SignatureVerifierTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String KEY_ID = "ss_0123456789abcdef";
  static final SharedSecretValue SECRET = SharedSecretValue.of("tkss_" + "A".repeat(43));
  static final byte[] KEY = SECRET.reveal().getBytes(StandardCharsets.UTF_8);
  static final byte[] BODY = "{\"item\":\"book\"}".getBytes(StandardCharsets.UTF_8);

  private final SignatureVerifier verifier = SignatureVerifier.builder().clock(clockAt(NOW)).build();

  static Clock clockAt(Instant i) {
    return Clock.fixed(i, ZoneOffset.UTC);
  }

  static SignedRequest request(String method, String query, Map<String, String> extra) {
    Map<String, List<String>> h = new HashMap<>();
    extra.forEach((k, v) -> h.put(k, List.of(v)));
    return SignedRequest.of(method, "https", "API.example.com:443", "/api/orders", query, h);
  }

  /** The request with the signer's headers added. */
  static SignedRequest signed(MessageSigner signer, String method, String query, byte[] body) {
    SignedRequest unsigned = request(method, query, Map.of("content-type", "application/json"));
    MessageSigner.Headers h = signer.sign(unsigned, body);
    Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json",
        "signature-input", h.signatureInput(), "signature", h.signature()));
    if (h.contentDigest() != null) {
      headers.put("content-digest", h.contentDigest());
    }
    return request(method, query, headers);
  }

  static MessageSigner signerAt(Instant created) {
    return MessageSigner.builder(KEY_ID, SECRET).clock(clockAt(created)).build();
  }

  private SignatureOutcome verify(SignedRequest r, byte[] body) {
    return verifier.verify(r, body, KEY_ID, id -> id.equals(KEY_ID) ? List.of(KEY) : List.of());
  }

  @Test
  void aSignedPostWithBodyAndQueryVerifies() {
    SignedRequest r = signed(signerAt(NOW), "POST", "page=2&sort=name%20asc", BODY);
    assertThat(r.headerValues("signature-input").get(0)).startsWith(
        "sig1=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\");created=" + NOW.getEpochSecond()
            + ";nonce=\"").endsWith(";keyid=\"" + KEY_ID + "\";alg=\"hmac-sha256\"");
    SignatureOutcome o = verify(r, BODY);
    assertThat(o.isVerified()).as("%s", o).isTrue();
    assertThat(o.previousSecret()).isFalse();
  }

  @Test
  void aSignedGetWithoutBodyOrQueryVerifies() {
    assertThat(verify(signed(signerAt(NOW), "GET", null, null), null).isVerified()).isTrue();
  }

  @Test
  void noSignatureHeadersIsMissing() {
    assertThat(verify(request("GET", null, Map.of()), null).failure()).isEqualTo(SignatureFailure.MISSING);
    assertThat(verify(request("GET", null, Map.of("signature", "sig1=:AAAA:")), null).failure())
        .isEqualTo(SignatureFailure.MISSING);
  }

  @Test
  void theWrongSecretIsInvalid() {
    SignedRequest r = signed(MessageSigner.builder(KEY_ID, SharedSecretValue.of("tkss_" + "B".repeat(43)))
        .clock(clockAt(NOW)).build(), "GET", null, null);
    assertThat(verify(r, null).failure()).isEqualTo(SignatureFailure.INVALID);
  }

  @Test
  void anotherKeyIdIsUnknown() {
    SignedRequest r = signed(MessageSigner.builder("ss_someoneelse0000", SECRET).clock(clockAt(NOW)).build(), "GET",
        null, null);
    assertThat(verify(r, null).failure()).isEqualTo(SignatureFailure.UNKNOWN_KEY);
  }

  @Test
  void aDeletedKeyIsUnknown() {
    SignedRequest r = signed(signerAt(NOW), "GET", null, null);
    assertThat(verifier.verify(r, null, KEY_ID, id -> List.of()).failure()).isEqualTo(SignatureFailure.UNKNOWN_KEY);
  }

  @Test
  void anAlteredMethodPathQueryOrAuthorityIsInvalid() {
    SignedRequest r = signed(signerAt(NOW), "GET", "page=2", null);
    Map<String, String> h = Map.of("content-type", "application/json",
        "signature-input", r.headerValues("signature-input").get(0), "signature", r.headerValues("signature").get(0));
    assertThat(verify(request("DELETE", "page=2", h), null).failure()).isEqualTo(SignatureFailure.INVALID);
    assertThat(verify(request("GET", "page=3", h), null).failure()).isEqualTo(SignatureFailure.INVALID);
    assertThat(verify(SignedRequest.of("GET", "https", "api.example.com", "/api/other", "page=2", lists(h)), null)
        .failure()).isEqualTo(SignatureFailure.INVALID);
    assertThat(verify(SignedRequest.of("GET", "https", "evil.example.com", "/api/orders", "page=2", lists(h)), null)
        .failure()).isEqualTo(SignatureFailure.INVALID);
  }

  private static Map<String, List<String>> lists(Map<String, String> h) {
    Map<String, List<String>> out = new HashMap<>();
    h.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }

  @Test
  void aBodyChangedOnTheWayFailsTheDigest() {
    SignedRequest r = signed(signerAt(NOW), "POST", null, BODY);
    assertThat(verify(r, "{\"item\":\"car\"}".getBytes(StandardCharsets.UTF_8)).failure())
        .isEqualTo(SignatureFailure.DIGEST_MISMATCH);
  }

  @Test
  void aBodyWithoutCoveredDigestIsInsufficientCoverage() {
    SignedRequest r = signed(signerAt(NOW), "POST", null, null); // signed as if bodyless
    assertThat(verify(r, BODY).failure()).isEqualTo(SignatureFailure.INSUFFICIENT_COVERAGE);
  }

  @Test
  void aQueryAddedAfterSigningIsInsufficientCoverage() {
    SignedRequest r = signed(signerAt(NOW), "GET", null, null);
    Map<String, String> h = Map.of("signature-input", r.headerValues("signature-input").get(0),
        "signature", r.headerValues("signature").get(0));
    assertThat(verify(request("GET", "admin=true", h), null).failure())
        .isEqualTo(SignatureFailure.INSUFFICIENT_COVERAGE);
  }

  @Test
  void createdMustBeWithinTheSkewEitherWay() {
    assertThat(verify(signed(signerAt(NOW.minusSeconds(300)), "GET", null, null), null).isVerified()).isTrue();
    assertThat(verify(signed(signerAt(NOW.plusSeconds(300)), "GET", null, null), null).isVerified()).isTrue();
    assertThat(verify(signed(signerAt(NOW.minusSeconds(301)), "GET", null, null), null).failure())
        .isEqualTo(SignatureFailure.STALE);
    assertThat(verify(signed(signerAt(NOW.plusSeconds(301)), "GET", null, null), null).failure())
        .isEqualTo(SignatureFailure.STALE);
  }

  @Test
  void theSkewIsConfigurable() {
    SignatureVerifier tight = SignatureVerifier.builder().clock(clockAt(NOW)).maxClockSkew(Duration.ofSeconds(30))
        .build();
    SignedRequest r = signed(signerAt(NOW.minusSeconds(31)), "GET", null, null);
    assertThat(tight.verify(r, null, KEY_ID, id -> List.of(KEY)).failure()).isEqualTo(SignatureFailure.STALE);
  }

  @Test
  void expiresIsHonoured() {
    MessageSigner s = MessageSigner.builder(KEY_ID, SECRET).clock(clockAt(NOW.minusSeconds(20)))
        .expiresAfter(Duration.ofSeconds(10)).build();
    assertThat(verify(signed(s, "GET", null, null), null).failure()).isEqualTo(SignatureFailure.EXPIRED);
    MessageSigner fresh = MessageSigner.builder(KEY_ID, SECRET).clock(clockAt(NOW.minusSeconds(5)))
        .expiresAfter(Duration.ofSeconds(10)).build();
    assertThat(verify(signed(fresh, "GET", null, null), null).isVerified()).isTrue();
  }

  @Test
  void aNonceIsAcceptedOnce() {
    SignedRequest r = signed(signerAt(NOW), "POST", null, BODY);
    assertThat(verify(r, BODY).isVerified()).isTrue();
    assertThat(verify(r, BODY).failure()).isEqualTo(SignatureFailure.REPLAYED);
  }

  @Test
  void withoutANonceASignatureMayRepeatWithinTheWindowUnlessNoncesAreRequired() {
    MessageSigner noNonce = MessageSigner.builder(KEY_ID, SECRET).clock(clockAt(NOW)).nonce(false).build();
    SignedRequest r = signed(noNonce, "GET", null, null);
    assertThat(verify(r, null).isVerified()).isTrue();
    assertThat(verify(r, null).isVerified()).isTrue();
    SignatureVerifier strict = SignatureVerifier.builder().clock(clockAt(NOW)).requireNonce(true).build();
    assertThat(strict.verify(r, null, KEY_ID, id -> List.of(KEY)).failure()).isEqualTo(SignatureFailure.MALFORMED);
  }

  @Test
  void aSharedNonceGuardStopsAReplayOnAnotherNode() {
    Map<String, Boolean> shared = new java.util.concurrent.ConcurrentHashMap<>();
    NonceGuard guard = (k, n, until) -> shared.putIfAbsent(k + "|" + n, Boolean.TRUE) == null;
    SignatureVerifier node1 = SignatureVerifier.builder().clock(clockAt(NOW)).sharedNonceGuard(guard).build();
    SignatureVerifier node2 = SignatureVerifier.builder().clock(clockAt(NOW)).sharedNonceGuard(guard).build();
    SignedRequest r = signed(signerAt(NOW), "GET", null, null);
    assertThat(node1.verify(r, null, KEY_ID, id -> List.of(KEY)).isVerified()).isTrue();
    assertThat(node2.verify(r, null, KEY_ID, id -> List.of(KEY)).failure()).isEqualTo(SignatureFailure.REPLAYED);
  }

  @Test
  void aForgedSignatureDoesNotBurnTheNonce() {
    SignedRequest good = signed(signerAt(NOW), "GET", null, null);
    String input = good.headerValues("signature-input").get(0);
    SignedRequest forged = request("GET", null, Map.of("signature-input", input, "signature", "sig1=:"
        + java.util.Base64.getEncoder().encodeToString(new byte[32]) + ":"));
    assertThat(verify(forged, null).failure()).isEqualTo(SignatureFailure.INVALID);
    assertThat(verify(good, null).isVerified()).isTrue();
  }

  @Test
  void duringARotationOverlapBothSecretsVerify() {
    byte[] next = "tkss_NEW".getBytes(StandardCharsets.UTF_8);
    SignedRequest old = signed(signerAt(NOW), "GET", null, null);
    SignatureOutcome o = verifier.verify(old, null, KEY_ID, id -> List.of(next, KEY));
    assertThat(o.isVerified()).isTrue();
    assertThat(o.previousSecret()).isTrue();
  }

  @Test
  void otherAlgorithmsAreRefusedAndNoAlgIsFine() {
    SignedRequest r = signed(signerAt(NOW), "GET", null, null);
    String input = r.headerValues("signature-input").get(0);
    SignedRequest rsa = request("GET", null, Map.of("signature-input", input.replace("hmac-sha256", "rsa-pss-sha512"),
        "signature", r.headerValues("signature").get(0)));
    assertThat(verify(rsa, null).failure()).isEqualTo(SignatureFailure.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void theSignatureNamingTheKeyIsCheckedAmongSeveralLabels() {
    SignedRequest r = signed(MessageSigner.builder(KEY_ID, SECRET).clock(clockAt(NOW)).label("mine").build(), "GET",
        null, null);
    SignedRequest both = request("GET", null, Map.of(
        "signature-input", "other=(\"@method\");created=1;keyid=\"x\", " + r.headerValues("signature-input").get(0),
        "signature", "other=:AAAA:, " + r.headerValues("signature").get(0)));
    SignatureOutcome o = verify(both, null);
    assertThat(o.isVerified()).as("%s", o).isTrue();
    assertThat(o.label()).isEqualTo("mine");
  }

  @Test
  void malformedHeadersAreMalformedNeverAnException() {
    List<String[]> cases = new ArrayList<>();
    String ok = "sig1=(\"@method\" \"@authority\" \"@path\");created=" + NOW.getEpochSecond() + ";keyid=\"" + KEY_ID
        + "\"";
    cases.add(new String[] {"sig1=(\"@method\"", "sig1=:AAAA:"});
    cases.add(new String[] {ok, "sig1=AAAA"});
    cases.add(new String[] {ok, "other=:AAAA:"});
    cases.add(new String[] {ok.replace(";created=" + NOW.getEpochSecond(), ""), "sig1=:AAAA:"});
    cases.add(new String[] {ok.replace("created=" + NOW.getEpochSecond(), "created=\"now\""), "sig1=:AAAA:"});
    cases.add(new String[] {ok.replace("\"@path\"", "\"@path\" \"@path\""), "sig1=:AAAA:"});
    cases.add(new String[] {ok.replace("\"@path\"", "\"@path\";req"), "sig1=:AAAA:"});
    cases.add(new String[] {ok.replace("\"@path\"", "\"X-Custom\""), "sig1=:AAAA:"});
    cases.add(new String[] {ok.replace("\"@path\"", "\"@path\" \"x-absent\""), "sig1=:AAAA:"});
    cases.add(new String[] {ok + ";nonce=\"" + "n".repeat(300) + "\"", "sig1=:AAAA:"});
    cases.add(new String[] {"sig1=(\"@method\")\u0000", "sig1=:AAAA:"});
    cases.add(new String[] {"x".repeat(9000), "sig1=:AAAA:"});
    for (String[] c : cases) {
      SignatureOutcome o = verify(request("GET", null, Map.of("signature-input", c[0], "signature", c[1])), null);
      assertThat(o.failure()).as("input %s / %s", c[0].length() > 80 ? c[0].substring(0, 80) : c[0], c[1])
          .isIn(SignatureFailure.MALFORMED, SignatureFailure.INSUFFICIENT_COVERAGE);
    }
  }

  @Test
  void acceptSignatureNamesWhatToSignForThisRequest() {
    assertThat(verifier.acceptSignature(request("GET", null, Map.of()), null, KEY_ID))
        .isEqualTo("sig1=(\"@method\" \"@authority\" \"@path\");keyid=\"" + KEY_ID + "\";alg=\"hmac-sha256\"");
    assertThat(verifier.acceptSignature(request("POST", "a=1", Map.of()), BODY, KEY_ID))
        .isEqualTo("sig1=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-digest\");keyid=\"" + KEY_ID
            + "\";alg=\"hmac-sha256\"");
  }

  @Test
  void theKeyLookupRunsOnlyForSignaturesThatPassThePolicy() {
    AtomicInteger lookups = new AtomicInteger();
    SignedRequest stale = signed(signerAt(NOW.minusSeconds(1000)), "GET", null, null);
    verifier.verify(stale, null, KEY_ID, id -> {
      lookups.incrementAndGet();
      return List.of(KEY);
    });
    assertThat(lookups).hasValue(0);
  }

  @Test
  void theVerifierAndSignerNeverShowTheSecret() {
    assertThat(signerAt(NOW).toString()).doesNotContain(SECRET.reveal());
    assertThat(verifier.toString()).doesNotContain(SECRET.reveal());
  }
}
