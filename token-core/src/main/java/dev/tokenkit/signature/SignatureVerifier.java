package dev.tokenkit.signature;

import dev.tokenkit.internal.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies RFC 9421 HTTP Message Signatures made with {@code hmac-sha256} and a shared secret, with TokenKit's
 * policy on top:
 *
 * <ul>
 *   <li>one signature is checked: the first label of {@code Signature-Input} whose {@code keyid} is the required
 *       key; {@code alg} is {@code hmac-sha256} or absent;</li>
 *   <li>covered: {@code @method}, {@code @authority}, {@code @path}, {@code @query} when the request has a query
 *       and {@code content-digest} when it has a body ({@code @target-uri} covers authority, path and query;
 *       {@code @request-target} covers path and query); the body must match its RFC 9530 {@code Content-Digest};</li>
 *   <li>{@code created} is required and within the allowed clock skew (default ±300 s); {@code expires}, when
 *       present, is honoured;</li>
 *   <li>a {@code nonce}, when present, is accepted once within the signature's acceptance window: this node
 *       remembers it in a bounded cache and, when a {@link NonceGuard} is configured, claims it there too
 *       (e.g. in the shared store, for all nodes).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; share one instance.
 *
 * <pre>{@code
 * SignatureVerifier verifier = SignatureVerifier.builder().clock(clock).build();
 * SignatureOutcome o = verifier.verify(request, body, "ss_8f2k...", id -> List.of(secretBytes));
 * if (!o.isVerified()) { respond401(verifier.acceptSignature(request, body, "ss_8f2k...")); }
 * }</pre>
 */
public final class SignatureVerifier {
  /** The label TokenKit asks for in {@code Accept-Signature} and signs with by default. */
  public static final String DEFAULT_LABEL = "sig1";
  /** The one algorithm accepted. */
  public static final String ALGORITHM = "hmac-sha256";

  private static final byte[] NO_BODY = new byte[0];

  private final Clock clock;
  private final long skewSeconds;
  private final boolean requireNonce;
  private final boolean coverRequestTarget;
  private final LocalNonceCache localNonces;
  private final NonceGuard sharedNonces;

  private SignatureVerifier(Builder b) {
    this.clock = b.clock;
    this.skewSeconds = b.maxClockSkew.getSeconds();
    this.requireNonce = b.requireNonce;
    this.coverRequestTarget = b.coverRequestTarget;
    this.localNonces = new LocalNonceCache(b.clock, b.nonceCacheSize);
    this.sharedNonces = b.sharedNonces;
  }

  /**
   * A builder with the defaults: system UTC clock, ±300 s skew, nonce optional, request target covered.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a request's signature.
   *
   * @param request the request as received; never {@code null}
   * @param body the body as received, or {@code null} / empty for none
   * @param requiredKeyId the {@code keyid} the signature must name (the shared secret's id); never {@code null}
   * @param keys the candidate keys for that id; never {@code null}
   * @return the outcome; never {@code null}
   */
  public SignatureOutcome verify(SignedRequest request, byte[] body, String requiredKeyId, KeyLookup keys) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requiredKeyId, "requiredKeyId");
    Objects.requireNonNull(keys, "keys");
    byte[] content = body == null ? NO_BODY : body;
    List<String> inputLines = request.headerValues("signature-input");
    List<String> signatureLines = request.headerValues("signature");
    if (inputLines.isEmpty() || signatureLines.isEmpty()) {
      return SignatureOutcome.failed(SignatureFailure.MISSING, null);
    }
    SignatureInput sig;
    try {
      sig = SignatureInput.choose(inputLines, signatureLines, requiredKeyId);
    } catch (IllegalArgumentException e) {
      return SignatureOutcome.failed(SignatureFailure.MALFORMED, null);
    }
    if (sig == null) {
      return SignatureOutcome.failed(SignatureFailure.UNKNOWN_KEY, null);
    }
    SignatureFailure policy = checkParameters(sig);
    if (policy == null) {
      policy = checkCoverage(sig, request, content);
    }
    if (policy != null) {
      return SignatureOutcome.failed(policy, sig.label);
    }
    String base;
    try {
      base = SignatureBase.build(request, sig.components, sig.serializedParams);
    } catch (SignatureBase.ComponentException e) {
      return SignatureOutcome.failed(SignatureFailure.MALFORMED, sig.label);
    }
    List<String> digestLines = request.headerValues("content-digest");
    if (content.length > 0 || !digestLines.isEmpty()) {
      if (ContentDigest.check(digestLines, content) != ContentDigest.Check.MATCH) {
        return SignatureOutcome.failed(SignatureFailure.DIGEST_MISMATCH, sig.label);
      }
    }
    List<byte[]> candidates = keys.keys(sig.keyId);
    if (candidates.isEmpty()) {
      return SignatureOutcome.failed(SignatureFailure.UNKNOWN_KEY, sig.label);
    }
    int matched = -1;
    for (int i = 0; i < candidates.size(); i++) {
      // every candidate is computed and compared, so timing does not tell which one matched
      if (MessageDigest.isEqual(HmacSha256.mac(candidates.get(i), base.getBytes(StandardCharsets.UTF_8)), sig.signature) && matched < 0) {
        matched = i;
      }
    }
    if (matched < 0) {
      return SignatureOutcome.failed(SignatureFailure.INVALID, sig.label);
    }
    if (sig.nonce != null && !claimNonce(sig)) {
      return SignatureOutcome.failed(SignatureFailure.REPLAYED, sig.label);
    }
    return SignatureOutcome.verified(sig.label, matched > 0);
  }

  private SignatureFailure checkParameters(SignatureInput sig) {
    if (sig.alg != null && !ALGORITHM.equals(sig.alg)) {
      return SignatureFailure.UNSUPPORTED_ALGORITHM;
    }
    if (sig.created == null || (requireNonce && sig.nonce == null)) {
      return SignatureFailure.MALFORMED;
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - sig.created) > skewSeconds) {
      return SignatureFailure.STALE;
    }
    if (sig.expires != null && now >= sig.expires) {
      return SignatureFailure.EXPIRED;
    }
    return null;
  }

  private SignatureFailure checkCoverage(SignatureInput sig, SignedRequest request, byte[] content) {
    if (!coverRequestTarget) {
      return null;
    }
    List<String> c = sig.components;
    boolean targetUri = c.contains("@target-uri");
    boolean requestTarget = c.contains("@request-target");
    boolean ok = c.contains("@method")
        && (c.contains("@authority") || targetUri)
        && (c.contains("@path") || targetUri || requestTarget)
        && (request.query() == null || c.contains("@query") || targetUri || requestTarget)
        && (content.length == 0 || c.contains("content-digest"));
    return ok ? null : SignatureFailure.INSUFFICIENT_COVERAGE;
  }

  private boolean claimNonce(SignatureInput sig) {
    Instant until = Instant.ofEpochSecond(sig.created + skewSeconds + 1);
    if (sig.expires != null && Instant.ofEpochSecond(sig.expires).isBefore(until)) {
      until = Instant.ofEpochSecond(sig.expires);
    }
    if (!localNonces.firstUse(sig.keyId, sig.nonce, until)) {
      return false;
    }
    return sharedNonces == null || sharedNonces.firstUse(sig.keyId, sig.nonce, until);
  }

  /**
   * The {@code Accept-Signature} field value (RFC 9421 §5.1) telling a client what to sign for this request:
   * label {@value #DEFAULT_LABEL}, the components this verifier requires, the key id and the algorithm.
   *
   * @param request the request that failed; never {@code null}
   * @param body its body, or {@code null}
   * @param keyId the required key id; never {@code null}
   * @return e.g. {@code sig1=("@method" "@authority" "@path" "content-digest");keyid="ss_...";alg="hmac-sha256"}
   */
  public String acceptSignature(SignedRequest request, byte[] body, String keyId) {
    List<StructuredFields.Item> items = new ArrayList<>();
    for (String c : requiredComponents(request, body)) {
      items.add(new StructuredFields.Item(c, java.util.Map.of()));
    }
    java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
    params.put("keyid", keyId);
    params.put("alg", ALGORITHM);
    return DEFAULT_LABEL + "=" + StructuredFields.serialize(new StructuredFields.InnerList(items, params));
  }

  /**
   * The components TokenKit requires for a request (and the client helper signs).
   *
   * @param request the request
   * @param body its body, or {@code null}
   * @return the component names in signing order
   */
  static List<String> requiredComponents(SignedRequest request, byte[] body) {
    List<String> out = new ArrayList<>(List.of("@method", "@authority", "@path"));
    if (request.query() != null) {
      out.add("@query");
    }
    if (body != null && body.length > 0) {
      out.add("content-digest");
    }
    return out;
  }

  /** For diagnostics: never the signature bytes. */
  @Override
  public String toString() {
    return "SignatureVerifier[alg=" + ALGORITHM + ", maxClockSkew=" + skewSeconds + "s, requireNonce=" + requireNonce
        + ", sharedNonces=" + (sharedNonces != null) + "]";
  }

  /** Configures a {@link SignatureVerifier}. Setters validate at once; not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration maxClockSkew = Duration.ofSeconds(300);
    private boolean requireNonce;
    private boolean coverRequestTarget = true;
    private long nonceCacheSize = 100_000;
    private NonceGuard sharedNonces;

    private Builder() {}

    /**
     * The clock that {@code created} and {@code expires} are checked against (default system UTC).
     *
     * @param c the clock; never {@code null}
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * How far {@code created} may be from the clock, either way (default 300 s).
     *
     * @param skew between 1 s and 1 hour
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder maxClockSkew(Duration skew) {
      Objects.requireNonNull(skew, "maxClockSkew");
      if (skew.getSeconds() < 1 || skew.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("maxClockSkew must be between 1 second and 1 hour, got " + skew
            + "; the default 300 s tolerates ordinary clock drift while bounding replays");
      }
      this.maxClockSkew = skew;
      return this;
    }

    /**
     * Whether every signature must carry a {@code nonce} (default {@code false}: a signature without one may be
     * replayed within the skew window, like an unsigned bearer request).
     *
     * @param required whether to require it
     * @return this builder
     */
    public Builder requireNonce(boolean required) {
      this.requireNonce = required;
      return this;
    }

    /**
     * Whether the method, authority, path, query and content digest must be covered (default {@code true}).
     * Turn off only to check third-party vectors that cover other components.
     *
     * @param required whether to enforce the coverage policy
     * @return this builder
     */
    public Builder coverRequestTarget(boolean required) {
      this.coverRequestTarget = required;
      return this;
    }

    /**
     * How many nonces this node remembers (default 100,000; the oldest are dropped first).
     *
     * @param size at least 100
     * @return this builder
     * @throws IllegalArgumentException when smaller
     */
    public Builder nonceCacheSize(long size) {
      if (size < 100) {
        throw new IllegalArgumentException("nonceCacheSize must be at least 100, got " + size);
      }
      this.nonceCacheSize = size;
      return this;
    }

    /**
     * A nonce memory shared between nodes, consulted after this node's own (default none).
     *
     * @param guard the guard, or {@code null} for none
     * @return this builder
     */
    public Builder sharedNonceGuard(NonceGuard guard) {
      this.sharedNonces = guard;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     */
    public SignatureVerifier build() {
      return new SignatureVerifier(this);
    }
  }
}
