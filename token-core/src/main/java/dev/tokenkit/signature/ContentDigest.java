package dev.tokenkit.signature;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 9530 {@code Content-Digest}: the digest of a message's content, {@code sha-256} or {@code sha-512}, as a
 * structured-field dictionary such as {@code sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:}. Covering
 * this header in a signature binds the body to the signature. Stateless and thread-safe.
 *
 * <pre>{@code
 * String header = ContentDigest.of(body, ContentDigest.Algorithm.SHA_256);
 * ContentDigest.Check c = ContentDigest.check(List.of(header), body); // MATCH
 * }</pre>
 */
public final class ContentDigest {
  /** The digest algorithms accepted (RFC 9530 §5, both "standard"). */
  public enum Algorithm {
    /** {@code sha-256}. */
    SHA_256("sha-256", "SHA-256"),
    /** {@code sha-512}. */
    SHA_512("sha-512", "SHA-512");

    private final String key;
    private final String jca;

    Algorithm(String key, String jca) {
      this.key = key;
      this.jca = jca;
    }

    /**
     * The dictionary key, e.g. {@code sha-256}.
     *
     * @return the key
     */
    public String key() {
      return key;
    }

    byte[] digest(byte[] body) {
      try {
        return MessageDigest.getInstance(jca).digest(body);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(jca + " is required by every Java platform", e);
      }
    }
  }

  /** The result of {@link #check}. */
  public enum Check {
    /** Every supported digest in the header matches the content. */
    MATCH,
    /** A supported digest does not match the content. */
    MISMATCH,
    /** The header is absent. */
    ABSENT,
    /** The header is not a valid dictionary of byte sequences, or holds neither sha-256 nor sha-512. */
    MALFORMED
  }

  private ContentDigest() {}

  /**
   * The {@code Content-Digest} field value for some content.
   *
   * @param body the content (empty for none); never {@code null}
   * @param algorithm the algorithm; never {@code null}
   * @return e.g. {@code sha-256=:...:}
   */
  public static String of(byte[] body, Algorithm algorithm) {
    Objects.requireNonNull(body, "body");
    StringBuilder out = new StringBuilder(algorithm.key()).append('=');
    StructuredFields.bare(algorithm.digest(body), out);
    return out.toString();
  }

  /**
   * Checks a received {@code Content-Digest} against the content. Unknown algorithms in the dictionary are
   * ignored; at least one of {@code sha-256} and {@code sha-512} must be present, and every one present must
   * match (compared in constant time).
   *
   * @param fieldLines the header's field lines (empty when absent); never {@code null}
   * @param body the content as received (empty for none); never {@code null}
   * @return the result; never {@code null}
   */
  public static Check check(List<String> fieldLines, byte[] body) {
    Objects.requireNonNull(body, "body");
    if (fieldLines.isEmpty()) {
      return Check.ABSENT;
    }
    Map<String, Object> dict;
    try {
      dict = StructuredFields.parseDictionary(fieldLines);
    } catch (IllegalArgumentException e) {
      return Check.MALFORMED;
    }
    boolean any = false;
    for (Algorithm a : Algorithm.values()) {
      Object member = dict.get(a.key());
      if (member == null) {
        continue;
      }
      if (!(member instanceof StructuredFields.Item item) || !(item.value() instanceof byte[] expected)) {
        return Check.MALFORMED;
      }
      any = true;
      if (!MessageDigest.isEqual(expected, a.digest(body))) {
        return Check.MISMATCH;
      }
    }
    return any ? Check.MATCH : Check.MALFORMED;
  }
}
