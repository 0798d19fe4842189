package dev.tokenkit.internal;

/**
 * The verification cache's key: a token id of {@link TokenCodec#ID_LENGTH} base62 characters packed into two
 * {@code long}s (6 bits per character, 48 bits each), so a key is one small object with no array behind it.
 *
 * <p>Hot path (issue 14): {@link Probe} is a per-thread, reusable key that is filled from the presented token's
 * bytes in place, so a cached verification looks the id up without creating a {@code String} or key per call.
 * {@link Stored} is the immutable key held by the cache. Both compare by content, symmetrically, so
 * {@code Stored.equals(Probe)} and {@code Probe.equals(Stored)} agree. Ids are public, so an ordinary (early-exit)
 * comparison is fine here.
 */
abstract sealed class IdKey permits IdKey.Stored, IdKey.Probe {
  /** The 6-bit value of each base62 byte; 64 (invalid) for every other byte value. */
  private static final byte[] VALUE = new byte[256];

  static {
    java.util.Arrays.fill(VALUE, (byte) 64);
    for (int i = 0; i < Base62.ALPHABET.length; i++) {
      VALUE[Base62.ALPHABET[i]] = (byte) i;
    }
  }

  long hi;
  long lo;

  /**
   * Packs {@link TokenCodec#ID_LENGTH} bytes starting at {@code from} into {@link #hi} and {@link #lo}.
   *
   * @return {@code false} when a byte is not base62 (the key is then meaningless)
   */
  final boolean pack(byte[] bytes, int from) {
    int bad = 0;
    long h = 0;
    long l = 0;
    int half = TokenCodec.ID_LENGTH / 2;
    for (int i = 0; i < half; i++) {
      int v = VALUE[bytes[from + i] & 0xff];
      bad |= v;
      h = (h << 6) | v;
    }
    for (int i = half; i < TokenCodec.ID_LENGTH; i++) {
      int v = VALUE[bytes[from + i] & 0xff];
      bad |= v;
      l = (l << 6) | v;
    }
    hi = h;
    lo = l;
    return (bad & 64) == 0;
  }

  @Override
  public final int hashCode() {
    long x = hi * 0x9E3779B97F4A7C15L + lo;
    return (int) (x ^ (x >>> 32));
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof IdKey k && k.hi == hi && k.lo == lo;
  }

  /**
   * The immutable key of a token id, or {@code null} when the id cannot be a parsed token's id (wrong length or
   * alphabet): such an id is never in the cache.
   *
   * @param id the id
   * @return the key, or {@code null}
   */
  static Stored of(String id) {
    if (id == null || id.length() != TokenCodec.ID_LENGTH) {
      return null;
    }
    byte[] bytes = new byte[TokenCodec.ID_LENGTH];
    for (int i = 0; i < bytes.length; i++) {
      char c = id.charAt(i);
      bytes[i] = c > 0xff ? (byte) '?' : (byte) c;
    }
    Stored k = new Stored();
    return k.pack(bytes, 0) ? k : null;
  }

  /** A key as the cache holds it; never changed after {@link #of(String)}. */
  static final class Stored extends IdKey {
    private Stored() {}

    @Override
    public String toString() {
      return "IdKey[" + hi + ":" + lo + "]";
    }
  }

  /** A reusable per-thread lookup key; never stored in a map. Not thread-safe. */
  static final class Probe extends IdKey {
    @Override
    public String toString() {
      return "IdKey.Probe";
    }
  }
}
