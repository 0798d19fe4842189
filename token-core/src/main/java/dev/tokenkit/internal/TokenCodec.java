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

  private final List<String> prefixes;
  private final int maxLength;

  /**
   * A codec accepting the given prefixes (the first is used for issuing).
   *
   * @param prefixes validated prefixes
   */
  public TokenCodec(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
    this.maxLength = this.prefixes.stream().mapToInt(String::length).max().orElse(0) + 1 + BODY_LENGTH;
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
    String prefix = null;
    for (String p : prefixes) {
      if (p.length() == sep && s.startsWith(p)) {
        prefix = p;
        break;
      }
    }
    if (prefix == null) {
      return null;
    }
    // One bulk copy (an intrinsic for Latin-1 strings) and a branch-free alphabet check: a per-character
    // isDigit() branch mispredicts on random secrets and used to dominate the cached verification. A character
    // above U+00FF becomes '?', which the alphabet check rejects; the prefix was matched exactly above.
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
}
