package dev.tokenkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Generates and parses {@code <prefix>_<id><secret><checksum>} tokens. Parsing checks prefix, length, alphabet
 * and the CRC32 checksum, touching no store. Thread-safe.
 */
public final class TokenCodec {
  /** Length of the public id (base62, about 95 bits). */
  public static final int ID_LENGTH = 16;
  /** Length of the secret (base62, 43 characters = 256.03 bits). */
  public static final int SECRET_LENGTH = 43;
  /** Length of the CRC32 checksum in base62. */
  public static final int CHECKSUM_LENGTH = 6;
  /** Length of everything after the prefix's underscore. */
  public static final int BODY_LENGTH = ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;

  /** The accepted prefixes, as an array: iterated per verification without an iterator. */
  private final String[] prefixArray;
  private final int maxLength;

  /**
   * A codec accepting the given prefixes (the first is used for issuing).
   *
   * @param prefixes validated prefixes
   */
  public TokenCodec(List<String> prefixes) {
    this.prefixArray = prefixes.toArray(new String[0]);
    this.maxLength = prefixes.stream().mapToInt(String::length).max().orElse(0) + 1 + BODY_LENGTH;
  }

  /**
   * A new random id.
   *
   * @param random the source
   * @return the id
   */
  public static String newId(SecureRandom random) {
    StringBuilder sb = new StringBuilder(ID_LENGTH);
    Base62.appendRandom(random, ID_LENGTH, sb);
    return sb.toString();
  }

  /**
   * A full token for an id with a fresh secret.
   *
   * @param prefix the prefix
   * @param id the id
   * @param random the source of the secret
   * @return the full token string
   */
  public static String newToken(String prefix, String id, SecureRandom random) {
    StringBuilder sb = new StringBuilder(prefix.length() + 1 + BODY_LENGTH);
    sb.append(prefix).append('_').append(id);
    Base62.appendRandom(random, SECRET_LENGTH, sb);
    CRC32 crc = new CRC32();
    for (int i = 0; i < sb.length(); i++) {
      crc.update(sb.charAt(i));
    }
    Base62.appendFixed(crc.getValue(), CHECKSUM_LENGTH, sb);
    return sb.toString();
  }

  /**
   * Parses a presented token.
   *
   * @param s the presented text, possibly {@code null}
   * @return the parsed token, or {@code null} when malformed (unknown prefix, length, alphabet or checksum)
   */
  public ParsedToken parse(String s) {
    String prefix = acceptedPrefix(s);
    if (prefix == null) {
      return null;
    }
    int len = s.length();
    int sep = prefix.length();
    // (TokenFormat's check; verification uses read() and checkFormat().) One bulk copy and a branch-free alphabet
    // check. A character above U+00FF becomes '?', which the alphabet check rejects; the prefix matched exactly.
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    if (!Base62.allDigits(bytes, sep + 1, len)) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, len - CHECKSUM_LENGTH);
    if (crc.getValue() != Base62.decodeFixed(s, len - CHECKSUM_LENGTH, CHECKSUM_LENGTH)) {
      return null;
    }
    return new ParsedToken(prefix, s.substring(sep + 1, sep + 1 + ID_LENGTH), bytes);
  }

  /**
   * Hot-path read (issue 14): checks prefix, length, separator, that every character is ASCII and that the id is
   * base62, and fills {@code into} with the token's bytes and its id key, allocating nothing. The secret's
   * alphabet and the checksum are <em>not</em> checked here: when the token's SHA-256 then matches a cached
   * digest, the bytes are exactly those of a token that passed {@link #checkFormat} before, so repeating the
   * check would only cost time. Anything that reaches a hasher or the store must pass {@link #checkFormat} first.
   *
   * @param s the presented text, possibly {@code null}
   * @param into this thread's scratch space
   * @return {@code false} when malformed (then {@code into} holds nothing usable)
   */
  boolean read(String s, PresentedToken into) {
    String prefix = acceptedPrefix(s);
    if (prefix == null) {
      return false;
    }
    int len = s.length();
    int sep = prefix.length();
    // One pass: copy to bytes and OR all characters, so a character above U+007F (which the cast would
    // truncate to a look-alike ASCII byte) is rejected rather than hashed as that byte.
    byte[] b = into.room(len);
    int all = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      all |= c;
      b[i] = (byte) c;
    }
    into.length = len;
    into.idFrom = sep + 1;
    return all < 0x80 && into.id.pack(b, sep + 1);
  }

  /** Checks length and separator; returns the accepted prefix the token starts with, or {@code null}. */
  private String acceptedPrefix(String s) {
    if (s == null) {
      return null;
    }
    int len = s.length();
    if (len > maxLength || len < BODY_LENGTH + 2) {
      return null;
    }
    int sep = len - BODY_LENGTH - 1;
    if (s.charAt(sep) != '_') {
      return null;
    }
    for (String p : prefixArray) { // an array: no iterator per verification
      if (p.length() == sep && s.startsWith(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The full format check of a token read by {@link #read}: alphabet of secret and checksum, and the CRC32
   * checksum. Required before any store access or hasher call, so malformed input never reaches either.
   *
   * @param t a token read by {@link #read}
   * @return {@code true} when well-formed
   */
  boolean checkFormat(PresentedToken t) {
    byte[] b = t.bytes;
    int len = t.length;
    if (!Base62.allDigits(b, t.idFrom, len)) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update(b, 0, len - CHECKSUM_LENGTH);
    long v = 0;
    for (int i = len - CHECKSUM_LENGTH; i < len; i++) {
      v = v * 62 + Base62.value((char) b[i]);
    }
    return crc.getValue() == v;
  }
}
