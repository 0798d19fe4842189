package dev.tokenkit.benchmarks;

import dev.tokenkit.Actor;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.benchmarks.support.BenchServices;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import dev.tokenkit.sharedsecret.KeyRing;
import dev.tokenkit.signature.MessageSigner;
import dev.tokenkit.signature.SignatureOutcome;
import dev.tokenkit.signature.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a signed request against an unsigned one, in the core (no HTTP): {@code unsignedVerify} is a cached
 * token verification; {@code signedGetVerify} adds the RFC 9421 check of a GET (parse {@code Signature-Input} and
 * {@code Signature}, build the signature base, one HMAC-SHA256 with the cached decrypted secret, constant-time
 * compare); {@code signedPostVerify} adds a 1 KiB body and its {@code Content-Digest} (SHA-256). The signatures
 * carry no nonce, so the same request verifies on every invocation (a nonce adds one cache insert per request;
 * across nodes one store write). The service clock is fixed so {@code created} never goes stale.
 *
 * <p>JMH state, one instance per trial. Run alone with
 * {@code java -jar benchmarks/target/benchmarks.jar SignedRequestBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignedRequestBenchmark {
  private TokenService service;
  private String unsignedToken;
  private String signedToken;
  private String secretId;
  private SignedRequest signedGet;
  private SignedRequest signedPost;
  private byte[] body;

  /** Issues the two tokens and a shared secret, signs the two requests and warms every cache. */
  @Setup
  public void setUp() {
    Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    service = BenchServices.builder(new InMemoryTokenStore()).clock(clock)
        .sharedSecretKeys(KeyRing.builder().key("bench", key).build()).build();
    Actor actor = Actor.of("bench");
    CreatedSharedSecret secret = service.sharedSecrets().create(actor, "bench-integration");
    secretId = secret.sharedSecret().id();
    unsignedToken = service.issue(actor, IssueRequest.builder("plain", "alice").role("READONLY").build())
        .secret().reveal();
    signedToken = service.issue(actor, IssueRequest.builder("signed", "alice").role("READONLY")
        .signatureSecretId(secretId).build()).secret().reveal();
    MessageSigner signer = MessageSigner.builder(secretId, secret.secret()).clock(clock).nonce(false).build();
    body = ("{\"items\":\"" + "x".repeat(1000) + "\"}").getBytes(StandardCharsets.UTF_8);
    signedGet = signed(signer, "GET", null);
    signedPost = signed(signer, "POST", body);
    BenchServices.requireVerified(service.authenticate(unsignedToken, BenchServices.CONTEXT));
    requireVerified(signedGetVerify());
    requireVerified(signedPostVerify());
  }

  private static SignedRequest signed(MessageSigner signer, String method, byte[] content) {
    SignedRequest unsigned = SignedRequest.of(method, "https", "api.example.com", "/api/orders", "page=2", Map.of());
    MessageSigner.Headers h = signer.sign(unsigned, content);
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("signature-input", List.of(h.signatureInput()));
    headers.put("signature", List.of(h.signature()));
    if (h.contentDigest() != null) {
      headers.put("content-digest", List.of(h.contentDigest()));
    }
    return SignedRequest.of(method, "https", "api.example.com", "/api/orders", "page=2", headers);
  }

  private static void requireVerified(SignatureOutcome o) {
    if (!o.isVerified()) {
      throw new IllegalStateException("benchmark signature was rejected (" + o.failure() + ")");
    }
  }

  /** Stops the service's flush thread. */
  @TearDown
  public void tearDown() {
    service.close();
  }

  /**
   * A cached verification of a token that needs no signature.
   *
   * @return the outcome
   */
  @Benchmark
  public AuthOutcome unsignedVerify() {
    return service.authenticate(unsignedToken, BenchServices.CONTEXT);
  }

  /**
   * A cached verification of a signing token plus the signature check of a GET with a query.
   *
   * @return the signature outcome
   */
  @Benchmark
  public SignatureOutcome signedGetVerify() {
    AuthOutcome token = service.authenticate(signedToken, BenchServices.CONTEXT);
    return token.isVerified() ? service.sharedSecrets().verifyRequest(secretId, signedGet, null) : null;
  }

  /**
   * The same for a POST with a 1 KiB body (adds the SHA-256 content digest).
   *
   * @return the signature outcome
   */
  @Benchmark
  public SignatureOutcome signedPostVerify() {
    AuthOutcome token = service.authenticate(signedToken, BenchServices.CONTEXT);
    return token.isVerified() ? service.sharedSecrets().verifyRequest(secretId, signedPost, body) : null;
  }
}
