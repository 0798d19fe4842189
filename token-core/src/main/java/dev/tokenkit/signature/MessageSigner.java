package dev.tokenkit.signature;

import dev.tokenkit.internal.HmacSha256;
import dev.tokenkit.sharedsecret.SharedSecretValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Signs requests with RFC 9421 {@code hmac-sha256} the way {@link SignatureVerifier} expects: it covers
 * {@code @method}, {@code @authority}, {@code @path}, {@code @query} (when there is a query) and
 * {@code content-digest} (when there is a body, computing the RFC 9530 digest), plus any extra headers asked
 * for, with {@code created}, {@code keyid}, {@code alg} and a random {@code nonce}. Immutable and thread-safe.
 *
 * <pre>{@code
 * MessageSigner signer = MessageSigner.builder("ss_8f2kQ...", SharedSecretValue.of(secret)).build();
 * MessageSigner.Headers h = signer.sign(request, body);
 * // send h.contentDigest() (when not null), h.signatureInput() and h.signature()
 * }</pre>
 */
public final class MessageSigner {
  private final String keyId;
  private final byte[] key;
  private final Clock clock;
  private final SecureRandom random;
  private final boolean nonce;
  private final Duration expiresAfter;
  private final String label;
  private final ContentDigest.Algorithm digest;
  private final List<String> extraHeaders;

  private MessageSigner(Builder b) {
    this.keyId = b.keyId;
    this.key = b.secret.reveal().getBytes(StandardCharsets.UTF_8);
    this.clock = b.clock;
    this.random = b.random == null ? new SecureRandom() : b.random;
    this.nonce = b.nonce;
    this.expiresAfter = b.expiresAfter;
    this.label = b.label;
    this.digest = b.digest;
    this.extraHeaders = List.copyOf(b.extraHeaders);
  }

  /**
   * A builder.
   *
   * @param keyId the shared secret's id (sent as {@code keyid}); never {@code null}
   * @param secret the shared secret's value (its UTF-8 bytes are the HMAC key); never {@code null}
   * @return a new builder
   */
  public static Builder builder(String keyId, SharedSecretValue secret) {
    return new Builder(Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(secret, "secret"));
  }

  /**
   * The headers to add to a request.
   *
   * @param contentDigest the {@code Content-Digest} value, or {@code null} when the request has no body
   * @param signatureInput the {@code Signature-Input} value
   * @param signature the {@code Signature} value
   */
  public record Headers(String contentDigest, String signatureInput, String signature) {}

  /**
   * Signs a request.
   *
   * @param request the request as it will be sent (its {@code Content-Digest}, if any, is replaced); never
   *     {@code null}
   * @param body the body, or {@code null} / empty for none
   * @return the headers to send
   * @throws IllegalArgumentException when an extra header to cover is not in the request
   */
  public Headers sign(SignedRequest request, byte[] body) {
    Objects.requireNonNull(request, "request");
    String contentDigest = body == null || body.length == 0 ? null : ContentDigest.of(body, digest);
    SignedRequest withDigest = contentDigest == null ? request : new WithHeader(request, "content-digest", contentDigest);
    List<String> components = SignatureVerifier.requiredComponents(request, body);
    for (String h : extraHeaders) {
      if (!components.contains(h)) {
        components.add(h);
      }
    }
    List<StructuredFields.Item> items = new ArrayList<>();
    for (String c : components) {
      items.add(new StructuredFields.Item(c, Map.of()));
    }
    Map<String, Object> params = new LinkedHashMap<>();
    long created = clock.instant().getEpochSecond();
    params.put("created", created);
    if (expiresAfter != null) {
      params.put("expires", created + expiresAfter.getSeconds());
    }
    if (nonce) {
      StringBuilder n = new StringBuilder(22);
      byte[] bytes = new byte[16];
      random.nextBytes(bytes);
      n.append(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      params.put("nonce", n.toString());
    }
    params.put("keyid", keyId);
    params.put("alg", SignatureVerifier.ALGORITHM);
    String serialized = StructuredFields.serialize(new StructuredFields.InnerList(items, params));
    String base;
    try {
      base = SignatureBase.build(withDigest, components, serialized);
    } catch (SignatureBase.ComponentException e) {
      throw new IllegalArgumentException("cannot sign: " + e.getMessage() + "; add the header to the request or "
          + "remove it from coverHeaders(...)", e);
    }
    StringBuilder sig = new StringBuilder(label).append('=');
    StructuredFields.bare(HmacSha256.mac(key, base.getBytes(StandardCharsets.UTF_8)), sig);
    return new Headers(contentDigest, label + "=" + serialized, sig.toString());
  }

  @Override
  public String toString() {
    return "MessageSigner[keyId=" + keyId + ", secret=redacted]";
  }

  /** A request view with one header replaced. */
  private static final class WithHeader implements SignedRequest {
    private final SignedRequest delegate;
    private final Map<String, List<String>> replaced = new HashMap<>();

    WithHeader(SignedRequest delegate, String name, String value) {
      this.delegate = delegate;
      replaced.put(name, List.of(value));
    }

    @Override
    public String method() {
      return delegate.method();
    }

    @Override
    public String scheme() {
      return delegate.scheme();
    }

    @Override
    public String authority() {
      return delegate.authority();
    }

    @Override
    public String path() {
      return delegate.path();
    }

    @Override
    public String query() {
      return delegate.query();
    }

    @Override
    public List<String> headerValues(String lowercaseName) {
      List<String> r = replaced.get(lowercaseName);
      return r != null ? r : delegate.headerValues(lowercaseName);
    }
  }

  /** Configures a {@link MessageSigner}. Not thread-safe. */
  public static final class Builder {
    private final String keyId;
    private final SharedSecretValue secret;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private boolean nonce = true;
    private Duration expiresAfter;
    private String label = SignatureVerifier.DEFAULT_LABEL;
    private ContentDigest.Algorithm digest = ContentDigest.Algorithm.SHA_256;
    private final List<String> extraHeaders = new ArrayList<>();

    private Builder(String keyId, SharedSecretValue secret) {
      this.keyId = keyId;
      this.secret = secret;
    }

    /**
     * The clock for {@code created} (default system UTC).
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c, "clock");
      return this;
    }

    /**
     * The randomness for nonces (default a new {@link SecureRandom}).
     *
     * @param r the source
     * @return this builder
     */
    public Builder secureRandom(SecureRandom r) {
      this.random = Objects.requireNonNull(r, "secureRandom");
      return this;
    }

    /**
     * Whether to add a random {@code nonce} (default {@code true}), so the server accepts the request only once.
     *
     * @param enabled whether to add one
     * @return this builder
     */
    public Builder nonce(boolean enabled) {
      this.nonce = enabled;
      return this;
    }

    /**
     * Adds {@code expires} = {@code created} + this duration (default: no {@code expires}).
     *
     * @param after at least 1 second
     * @return this builder
     */
    public Builder expiresAfter(Duration after) {
      if (after != null && after.getSeconds() < 1) {
        throw new IllegalArgumentException("expiresAfter must be at least 1 second, got " + after);
      }
      this.expiresAfter = after;
      return this;
    }

    /**
     * The signature label (default {@value SignatureVerifier#DEFAULT_LABEL}).
     *
     * @param l a structured-field key: lowercase letter, then lowercase letters, digits, {@code _-.*}
     * @return this builder
     */
    public Builder label(String l) {
      if (l == null || !l.matches("[a-z*][a-z0-9_\\-.*]{0,63}")) {
        throw new IllegalArgumentException("label must be a structured-field key such as 'sig1'");
      }
      this.label = l;
      return this;
    }

    /**
     * The digest algorithm for {@code Content-Digest} (default {@code sha-256}).
     *
     * @param a the algorithm
     * @return this builder
     */
    public Builder digest(ContentDigest.Algorithm a) {
      this.digest = Objects.requireNonNull(a, "digest");
      return this;
    }

    /**
     * More headers to cover, e.g. {@code content-type}; each must be present in every request signed.
     *
     * @param names header names (any case)
     * @return this builder
     */
    public Builder coverHeaders(String... names) {
      for (String n : names) {
        extraHeaders.add(n.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /**
     * Builds the signer.
     *
     * @return the signer
     */
    public MessageSigner build() {
      return new MessageSigner(this);
    }
  }
}
