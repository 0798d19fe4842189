package dev.tokenkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.TokenSecret;
import dev.tokenkit.sharedsecret.SharedSecretValue;
import dev.tokenkit.signature.SignatureOutcome;
import dev.tokenkit.signature.SignatureVerifier;
import dev.tokenkit.signature.SignedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The client helper's signed requests verify with the server-side verifier (end to end through HTTP: servlet tests). */
class RequestSignerTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String KEY_ID = "ss_0123456789abcdef";
  static final SharedSecretValue SECRET = SharedSecretValue.of("tkss_" + "S".repeat(43));
  static final TokenSecret TOKEN = TokenSecret.of("tk_" + "T".repeat(65));

  private final RequestSigner signer = RequestSigner.builder(TOKEN, KEY_ID, SECRET)
      .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  private final SignatureVerifier verifier = SignatureVerifier.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  /** What the server sees of a request sent by java.net.http (Host = URI authority). */
  static SignedRequest asReceived(HttpRequest r) {
    Map<String, List<String>> headers = r.headers().map().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT), Map.Entry::getValue));
    return SignedRequest.of(r.method(), r.uri().getScheme(), r.uri().getAuthority(), r.uri().getRawPath(),
        r.uri().getRawQuery(), headers);
  }

  static byte[] body(HttpRequest r) throws Exception {
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    r.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<>() {
      private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer b) {
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onComplete() {
        done.complete(out.toByteArray());
      }
    });
    return done.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aPostIsSignedWithBearerDigestAndSignatureAndKeepsItsBody() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.example.com/api/orders?page=2"))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(7))
        .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}")).build();
    HttpRequest signed = signer.sign(request);

    assertThat(signed.headers().firstValue("Authorization")).contains("Bearer " + TOKEN.reveal());
    assertThat(signed.headers().firstValue("Content-Digest")).hasValueSatisfying(d -> assertThat(d).startsWith("sha-256=:"));
    assertThat(signed.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(signed.timeout()).contains(Duration.ofSeconds(7));
    byte[] body = body(signed);
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"item\":\"book\"}");

    SignatureOutcome o = verifier.verify(asReceived(signed), body, KEY_ID, id -> List.of(
        SECRET.reveal().getBytes(StandardCharsets.UTF_8)));
    assertThat(o.isVerified()).as("%s", o).isTrue();
  }

  @Test
  void aGetWithoutBodyIsSignedWithoutDigest() {
    HttpRequest signed = signer.sign(HttpRequest.newBuilder(URI.create("http://localhost:8080/api/orders")).build());
    assertThat(signed.headers().firstValue("Content-Digest")).isEmpty();
    assertThat(verifier.verify(asReceived(signed), null, KEY_ID,
        id -> List.of(SECRET.reveal().getBytes(StandardCharsets.UTF_8))).isVerified()).isTrue();
  }

  @Test
  void existingSignatureHeadersAreReplacedNotDuplicated() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.example.com/x"))
        .header("Authorization", "Bearer old").header("Signature", "sig1=:AAAA:").build();
    HttpRequest signed = signer.sign(signer.sign(request));
    assertThat(signed.headers().allValues("Authorization")).hasSize(1);
    assertThat(signed.headers().allValues("Signature")).hasSize(1);
    assertThat(signed.headers().allValues("Signature-Input")).hasSize(1);
  }

  @Test
  void theSignerNeverShowsTheTokenOrSecret() {
    assertThat(signer.toString()).doesNotContain(TOKEN.reveal()).doesNotContain(SECRET.reveal());
  }
}
