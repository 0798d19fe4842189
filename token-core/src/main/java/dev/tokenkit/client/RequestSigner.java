package dev.tokenkit.client;

import dev.tokenkit.TokenSecret;
import dev.tokenkit.sharedsecret.SharedSecretValue;
import dev.tokenkit.signature.MessageSigner;
import dev.tokenkit.signature.SignedRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Signs {@link HttpRequest}s for a TokenKit-protected API whose token requires signed requests: adds
 * {@code Authorization: Bearer <token>}, {@code Content-Digest} (when there is a body), {@code Signature-Input}
 * and {@code Signature} (RFC 9421 {@code hmac-sha256}, covering method, authority, path, query and content
 * digest, with {@code created}, a random {@code nonce} and the shared secret's id as {@code keyid}). The body is
 * read from the request's body publisher once and sent as the same bytes. Immutable and thread-safe.
 *
 * <pre>{@code
 * RequestSigner signer = RequestSigner.builder(TokenSecret.of(System.getenv("API_TOKEN")),
 *     "ss_8f2kQ...", SharedSecretValue.of(System.getenv("API_SHARED_SECRET"))).build();
 * HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.example.com/api/orders"))
 *     .header("Content-Type", "application/json")
 *     .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}"))
 *     .build();
 * HttpResponse<String> response = HttpClient.newHttpClient().send(signer.sign(request),
 *     HttpResponse.BodyHandlers.ofString());
 * }</pre>
 */
public final class RequestSigner {
  private static final Set<String> REPLACED = Set.of("authorization", "content-digest", "signature-input",
      "signature");
  private static final long MAX_BODY = 64L * 1024 * 1024;

  private final TokenSecret token;
  private final MessageSigner signer;

  private RequestSigner(Builder b) {
    this.token = b.token;
    this.signer = b.signer.build();
  }

  /**
   * A builder.
   *
   * @param token the API token (sent as {@code Authorization: Bearer}); never {@code null}
   * @param sharedSecretId the shared secret's id, e.g. {@code ss_8f2kQ...}; never {@code null}
   * @param sharedSecret the shared secret's value; never {@code null}
   * @return a new builder
   */
  public static Builder builder(TokenSecret token, String sharedSecretId, SharedSecretValue sharedSecret) {
    return new Builder(token, sharedSecretId, sharedSecret);
  }

  /**
   * A signed copy of a request: same URI, method, headers (any existing {@code Authorization},
   * {@code Content-Digest}, {@code Signature-Input} and {@code Signature} replaced), timeout, version and body.
   * Sign just before sending: the server accepts a signature within its clock skew (default ±300 s), once.
   *
   * @param request the request; never {@code null}
   * @return the signed request
   * @throws IllegalArgumentException when the body cannot be read (a streaming publisher failed or exceeds 64 MiB)
   *     or a header to cover is missing
   */
  public HttpRequest sign(HttpRequest request) {
    Objects.requireNonNull(request, "request");
    byte[] body = request.bodyPublisher().map(RequestSigner::read).orElse(new byte[0]);
    MessageSigner.Headers h = signer.sign(new View(request), body);
    HttpRequest.Builder b = HttpRequest.newBuilder(request, (name, value) ->
        !REPLACED.contains(name.toLowerCase(Locale.ROOT)));
    if (request.bodyPublisher().isPresent()) {
      b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    }
    b.header("Authorization", "Bearer " + token.reveal());
    if (h.contentDigest() != null) {
      b.header("Content-Digest", h.contentDigest());
    }
    return b.header("Signature-Input", h.signatureInput()).header("Signature", h.signature()).build();
  }

  private static byte[] read(HttpRequest.BodyPublisher publisher) {
    if (publisher.contentLength() == 0) {
      return new byte[0];
    }
    CompletableFuture<byte[]> done = new CompletableFuture<>();
    publisher.subscribe(new Flow.Subscriber<>() {
      private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        if (out.size() + (long) chunk.length > MAX_BODY) {
          done.completeExceptionally(new IllegalArgumentException("request body larger than 64 MiB"));
          return;
        }
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
    try {
      return done.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while reading the request body to sign", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalArgumentException("cannot read the request body to sign it (" + e + "); use a "
          + "BodyPublisher that can be read, such as BodyPublishers.ofString or ofByteArray", e);
    }
  }

  @Override
  public String toString() {
    return "RequestSigner[token=redacted, " + signer + "]";
  }

  /** The request as {@link SignedRequest}. */
  private static final class View implements SignedRequest {
    private final HttpRequest request;
    private final URI uri;

    View(HttpRequest request) {
      this.request = request;
      this.uri = request.uri();
    }

    @Override
    public String method() {
      return request.method();
    }

    @Override
    public String scheme() {
      return uri.getScheme();
    }

    @Override
    public String authority() {
      String a = uri.getRawAuthority();
      int at = a.lastIndexOf('@');
      return at >= 0 ? a.substring(at + 1) : a;
    }

    @Override
    public String path() {
      String p = uri.getRawPath();
      return p == null || p.isEmpty() ? "/" : p;
    }

    @Override
    public String query() {
      return uri.getRawQuery();
    }

    @Override
    public List<String> headerValues(String lowercaseName) {
      return request.headers().allValues(lowercaseName);
    }
  }

  /** Configures a {@link RequestSigner}. Not thread-safe. */
  public static final class Builder {
    private final TokenSecret token;
    private final MessageSigner.Builder signer;

    private Builder(TokenSecret token, String sharedSecretId, SharedSecretValue sharedSecret) {
      this.token = Objects.requireNonNull(token, "token");
      this.signer = MessageSigner.builder(sharedSecretId, sharedSecret);
    }

    /**
     * The clock for {@code created} (default system UTC).
     *
     * @param c the clock
     * @return this builder
     */
    public Builder clock(Clock c) {
      signer.clock(c);
      return this;
    }

    /**
     * The randomness for nonces (default a new {@link SecureRandom}).
     *
     * @param r the source
     * @return this builder
     */
    public Builder secureRandom(SecureRandom r) {
      signer.secureRandom(r);
      return this;
    }

    /**
     * Whether to add a random nonce (default {@code true}: the server accepts each request once).
     *
     * @param enabled whether to add one
     * @return this builder
     */
    public Builder nonce(boolean enabled) {
      signer.nonce(enabled);
      return this;
    }

    /**
     * Adds {@code expires} this long after {@code created} (default none).
     *
     * @param after at least 1 second
     * @return this builder
     */
    public Builder expiresAfter(Duration after) {
      signer.expiresAfter(after);
      return this;
    }

    /**
     * More headers to cover, e.g. {@code content-type}; each must be present in every request signed.
     *
     * @param names header names
     * @return this builder
     */
    public Builder coverHeaders(String... names) {
      signer.coverHeaders(names);
      return this;
    }

    /**
     * Builds the signer.
     *
     * @return the signer
     */
    public RequestSigner build() {
      return new RequestSigner(this);
    }
  }
}
