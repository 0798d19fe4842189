package dev.tokenkit.internal;

import java.security.SecureRandom;

/** Base62 (0-9, A-Z, a-z) helpers. */
public final class Base62 {
  static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private Base62() {}

  /**
   * Whether a character is in the alphabet.
   *
   * @param c the character
   * @return {@code true} for 0-9, A-Z, a-z
   */
  public static boolean isDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** 0 for the 62 alphabet bytes, 1 for every other byte value (indexed by {@code b & 0xff}). */
  private static final byte[] NOT_DIGIT = new byte[256];

  static {
    java.util.Arrays.fill(NOT_DIGIT, (byte) 1);
    for (char c : ALPHABET) {
      NOT_DIGIT[c] = 0;
    }
  }

  /**
   * Whether every byte in a range is an alphabet character, without a data-dependent branch per byte (so
   * random input does not cause branch mispredictions).
   *
   * @param bytes the bytes
   * @param from first index, inclusive
   * @param to last index, exclusive
   * @return {@code true} when all are 0-9, A-Z or a-z
   */
  public static boolean allDigits(byte[] bytes, int from, int to) {
    int bad = 0;
    for (int i = from; i < to; i++) {
      bad |= NOT_DIGIT[bytes[i] & 0xff];
    }
    return bad == 0;
  }

  static int value(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A' + 10;
    }
    return c - 'a' + 36;
  }

  /**
   * Appends {@code count} uniformly random base62 characters.
   *
   * @param random the source of randomness
   * @param count how many
   * @param out where to append
   */
  public static void appendRandom(SecureRandom random, int count, StringBuilder out) {
    for (int i = 0; i < count; i++) {
      out.append(ALPHABET[random.nextInt(62)]);
    }
  }

  /**
   * Encodes an unsigned value as exactly {@code width} characters, big-endian, zero-padded.
   *
   * @param value the value (non-negative)
   * @param width the width
   * @param out where to append
   */
  public static void appendFixed(long value, int width, StringBuilder out) {
    char[] buf = new char[width];
    long v = value;
    for (int i = width - 1; i >= 0; i--) {
      buf[i] = ALPHABET[(int) (v % 62)];
      v /= 62;
    }
    out.append(buf);
  }

  /**
   * Decodes {@code width} base62 characters starting at {@code from}.
   *
   * @param s the text (characters already checked with {@link #isDigit(char)})
   * @param from the start index
   * @param width how many characters
   * @return the value
   */
  public static long decodeFixed(CharSequence s, int from, int width) {
    long v = 0;
    for (int i = from; i < from + width; i++) {
      v = v * 62 + value(s.charAt(i));
    }
    return v;
  }
}
