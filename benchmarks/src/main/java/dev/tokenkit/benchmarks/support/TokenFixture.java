package dev.tokenkit.benchmarks.support;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.SecretHashers;
import dev.tokenkit.Token;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.spi.SecretHasher;
import dev.tokenkit.spi.StoredToken;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Many tokens made fast for the store-size benchmarks: real TokenKit token strings (prefix {@code tk}, CRC32
 * checksum, from {@link TokenCodec}) and the {@link StoredToken}s a {@link dev.tokenkit.TokenService} would have
 * written for them (role {@code READONLY}, expiring in 180 days, SHA-256 hash from {@link SecretHashers#sha256()}),
 * without going through {@code issue()}.
 *
 * <p>Randomness comes from a seeded {@code SHA1PRNG}, so runs are repeatable; these are benchmark tokens, never
 * real credentials. Immutable after {@link #generate(int, long)}; the arrays are shared, not copied, for speed —
 * callers must not modify them. {@link #toString()} shows no token.
 *
 * <pre>{@code
 * TokenFixture f = TokenFixture.generate(100_000, 42);
 * String presented = f.raw(17);
 * }</pre>
 */
public final class TokenFixture {
  /** The role the generated tokens carry. */
  public static final String ROLE = "READONLY";

  private final String[] raw;
  private final StoredToken[] stored;

  private TokenFixture(String[] raw, StoredToken[] stored) {
    this.raw = raw;
    this.stored = stored;
  }

  /**
   * Generates {@code count} distinct tokens.
   *
   * @param count how many, at least 1
   * @param seed the random seed (same seed, same tokens)
   * @return the fixture
   * @throws IllegalArgumentException when {@code count < 1}
   */
  public static TokenFixture generate(int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    SecureRandom random = seeded(seed);
    SecretHasher sha256 = SecretHashers.sha256();
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Instant expires = now.plus(Duration.ofDays(180));
    String[] raw = new String[count];
    StoredToken[] stored = new StoredToken[count];
    Set<String> ids = new HashSet<>(count * 2);
    for (int i = 0; i < count; i++) {
      String id;
      do {
        id = TokenCodec.newId(random);
      } while (!ids.add(id));
      raw[i] = TokenCodec.newToken("tk", id, random);
      Token token = new Token(id, "tk", "bench-" + i, null, "owner-" + (i % 1000), ROLE, AccessGrants.none(),
          TokenStatus.ACTIVE, now, now, expires, List.of(), null, null, 0);
      stored[i] = new StoredToken(token, sha256.hash(raw[i].getBytes(StandardCharsets.US_ASCII)), null, null);
    }
    return new TokenFixture(raw, stored);
  }

  private static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1PRNG is available on every OpenJDK", e);
    }
  }

  /**
   * How many tokens.
   *
   * @return the count
   */
  public int size() {
    return raw.length;
  }

  /**
   * The full token string number {@code i}.
   *
   * @param i the index, {@code 0 <= i < size()}
   * @return the token
   */
  public String raw(int i) {
    return raw[i];
  }

  /**
   * The stored form of every token, index-aligned with {@link #raw(int)}; shared, do not modify.
   *
   * @return the array
   */
  public StoredToken[] stored() {
    return stored;
  }

  @Override
  public String toString() {
    return "TokenFixture[" + raw.length + " tokens, secrets redacted]";
  }
}
