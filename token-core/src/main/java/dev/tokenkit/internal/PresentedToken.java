package dev.tokenkit.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Per-thread scratch space of the verification hot path (issue 14: zero allocation per cached verification): the
 * presented token's bytes, its id as a reusable cache {@link IdKey.Probe}, a SHA-256 engine and the digest buffer.
 * {@link TokenCodec#read(String, PresentedToken)} fills it; {@link Authenticator} uses it for one call and then
 * {@link #clear() clears} the token bytes, so no secret outlives the call in this buffer.
 *
 * <p>Not thread-safe: one instance per thread ({@link #get()}). Nothing here may be kept past the call: copy
 * ({@link #copyBytes()}, {@link #copyDigest()}) whatever the cold path stores.
 */
final class PresentedToken {
  private static final ThreadLocal<PresentedToken> PER_THREAD = ThreadLocal.withInitial(PresentedToken::new);

  /** The presented token's ASCII bytes, {@code [0, length)}; large enough for any accepted token. */
  byte[] bytes = new byte[128];
  /** How many bytes of {@link #bytes} are the token. */
  int length;
  /** Where the id starts in {@link #bytes}. */
  int idFrom;
  /** The id, as a cache lookup key. */
  final IdKey.Probe id = new IdKey.Probe();
  /** SHA-256 of the token, filled by {@link #digest()}. */
  final byte[] digest = new byte[32];
  private final MessageDigest sha256 = Digests.newSha256();

  private PresentedToken() {}

  /**
   * This thread's instance.
   *
   * @return the scratch space
   */
  static PresentedToken get() {
    return PER_THREAD.get();
  }

  /** Makes room for {@code length} bytes (only a longer configured prefix can need more than the default). */
  byte[] room(int length) {
    if (bytes.length < length) {
      bytes = new byte[length];
    }
    return bytes;
  }

  /** Hashes the token bytes with SHA-256 into {@link #digest}, without allocating. */
  void digest() {
    sha256.update(bytes, 0, length);
    try {
      sha256.digest(digest, 0, digest.length);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest buffer too small", e); // cannot happen: 32 bytes
    }
  }

  /** The token id as a new string (cold path only). */
  String idString() {
    return new String(bytes, idFrom, TokenCodec.ID_LENGTH, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** A copy of the token bytes (cold path only: hashers and the store keep or hash them). */
  byte[] copyBytes() {
    return Arrays.copyOf(bytes, length);
  }

  /** A copy of the digest (cold path only: a cache entry keeps it). */
  byte[] copyDigest() {
    return digest.clone();
  }

  /** Overwrites the token bytes, so the secret does not stay in this thread's buffer. */
  void clear() {
    Arrays.fill(bytes, 0, length, (byte) 0);
    length = 0;
  }

  @Override
  public String toString() {
    return "PresentedToken[secret=redacted]";
  }
}
