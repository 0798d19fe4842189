package dev.tokenkit.sharedsecret;

import dev.tokenkit.TokenKitException;
import dev.tokenkit.internal.SafeEcho;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host's encryption keys for shared secrets: AES-256-GCM (JCA) keys, each with an id. New values are
 * encrypted under the <em>primary</em> key; any key of the ring decrypts what it encrypted, so the key can be
 * rotated: add a new key as primary, keep the old one, call {@code SharedSecrets.reencryptAll(actor)}, then drop
 * the old key. The keys live only in the host's configuration (an environment variable, a secret manager), never in
 * the database; ciphertexts name their key id ({@code $aes-256-gcm$<keyId>$<base64(iv|ciphertext|tag)>}) and are
 * bound to the shared secret's id (associated data), so a ciphertext copied to another row does not decrypt.
 *
 * <p>{@code toString()} shows key ids only. Immutable and thread-safe.
 *
 * <pre>{@code
 * // a key: openssl rand -base64 32
 * KeyRing keys = KeyRing.builder()
 *     .key("2026-01", Base64.getDecoder().decode(System.getenv("TOKENKIT_KEY_2026_01")))
 *     .build();
 * }</pre>
 */
public final class KeyRing {
  /** The ciphertext marker. */
  public static final String SCHEME = "aes-256-gcm";
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Map<String, SecretKeySpec> keys;
  private final String primary;
  private final SecureRandom random;

  private KeyRing(Builder b) {
    Map<String, SecretKeySpec> copy = new LinkedHashMap<>();
    b.keys.forEach((id, bytes) -> copy.put(id, new SecretKeySpec(bytes, "AES")));
    this.keys = Collections.unmodifiableMap(copy);
    this.primary = b.primary;
    this.random = b.random == null ? new SecureRandom() : b.random;
  }

  /**
   * A builder; add at least one key.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The id of the key new ciphertexts use.
   *
   * @return the primary key id
   */
  public String primaryKeyId() {
    return primary;
  }

  /**
   * The ids of every key of the ring.
   *
   * @return the ids, in the order added
   */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /**
   * Encrypts under the primary key.
   *
   * @param plaintext the bytes to protect; never {@code null}
   * @param context what the ciphertext belongs to (e.g. a shared secret's id), authenticated but not encrypted
   * @return {@code $aes-256-gcm$<keyId>$<base64>}
   */
  public String encrypt(byte[] plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(primary), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = c.doFinal(plaintext);
      byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return "$" + SCHEME + "$" + primary + "$" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is required by every Java platform", e);
    }
  }

  /**
   * Decrypts a ciphertext made by {@link #encrypt} with any key of this ring.
   *
   * @param ciphertext the text from {@link #encrypt}; never {@code null}
   * @param context the same context it was encrypted with
   * @return the plaintext
   * @throws TokenKitException when the ciphertext is malformed, names a key not in the ring, or does not
   *     authenticate (wrong key bytes for the id, altered, or another context)
   */
  public byte[] decrypt(String ciphertext, String context) {
    String keyId = keyIdOf(ciphertext);
    SecretKeySpec key = keys.get(keyId);
    if (key == null) {
      throw new TokenKitException("The key ring has no key " + SafeEcho.quote(keyId) + " (it has " + keys.keySet()
          + "); add that key to KeyRing.builder() again — keep old keys until reencryptAll() has run");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(ciphertext.substring(ciphertext.lastIndexOf('$') + 1));
    } catch (IllegalArgumentException e) {
      throw new TokenKitException("A stored shared-secret ciphertext is not valid Base64; the row was altered");
    }
    if (raw.length < IV_BYTES + TAG_BITS / 8) {
      throw new TokenKitException("A stored shared-secret ciphertext is too short; the row was altered");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
      c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new TokenKitException("A shared secret does not decrypt with key " + SafeEcho.quote(keyId) + ": the key "
          + "bytes configured under that id differ from the ones it was encrypted with, or the row was altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is required by every Java platform", e);
    }
  }

  /**
   * The key id a ciphertext names.
   *
   * @param ciphertext a text from {@link #encrypt}
   * @return its key id
   * @throws TokenKitException when it is not such a text
   */
  public static String keyIdOf(String ciphertext) {
    Objects.requireNonNull(ciphertext, "ciphertext");
    String prefix = "$" + SCHEME + "$";
    int end = ciphertext.indexOf('$', prefix.length());
    if (!ciphertext.startsWith(prefix) || end < 0) {
      throw new TokenKitException("A stored shared-secret ciphertext is not in the " + SCHEME + " format; the row "
          + "was altered or written by another tool");
    }
    return ciphertext.substring(prefix.length(), end);
  }

  /**
   * Whether a ciphertext uses the primary key (else {@code reencryptAll} would re-encrypt it).
   *
   * @param ciphertext a text from {@link #encrypt}
   * @return {@code true} when under the primary key
   */
  public boolean isPrimary(String ciphertext) {
    return primary.equals(keyIdOf(ciphertext));
  }

  /**
   * Key ids only, never key bytes.
   *
   * @return e.g. {@code KeyRing[keys=[2025-07, 2026-01], primary=2026-01]}
   */
  @Override
  public String toString() {
    return "KeyRing[keys=" + keys.keySet() + ", primary=" + primary + "]";
  }

  /** Configures a {@link KeyRing}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, byte[]> keys = new LinkedHashMap<>();
    private String primary;
    private SecureRandom random;

    private Builder() {}

    /**
     * Adds a key. The first key added is the primary unless {@link #primary(String)} says otherwise.
     *
     * @param keyId 1 to 64 characters of {@code [A-Za-z0-9_.-]}, e.g. {@code 2026-01}
     * @param key exactly 32 bytes (AES-256), e.g. {@code openssl rand -base64 32} decoded; copied
     * @return this builder
     * @throws IllegalArgumentException when the id or the length is wrong, or the id is already used
     */
    public Builder key(String keyId, byte[] key) {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(key, "key");
      if (!KEY_ID.matcher(keyId).matches()) {
        throw new IllegalArgumentException("key id must be 1 to 64 characters of A-Z a-z 0-9 _ . - (e.g. '2026-01')");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException("key " + keyId + " must be exactly 32 bytes (AES-256), got " + key.length
            + "; generate one with: openssl rand -base64 32");
      }
      if (keys.containsKey(keyId)) {
        throw new IllegalArgumentException("key id " + keyId + " is already in the ring; give each key its own id");
      }
      keys.put(keyId, key.clone());
      if (primary == null) {
        primary = keyId;
      }
      return this;
    }

    /**
     * Which key encrypts new values (default the first added).
     *
     * @param keyId an id added with {@link #key}
     * @return this builder
     * @throws IllegalArgumentException when no key has that id
     */
    public Builder primary(String keyId) {
      if (!keys.containsKey(keyId)) {
        throw new IllegalArgumentException("primary key " + SafeEcho.quote(keyId) + " is not in the ring; add it with "
            + "key(id, bytes) first");
      }
      this.primary = keyId;
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
     * Builds the ring.
     *
     * @return the ring
     * @throws IllegalStateException when no key was added
     */
    public KeyRing build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("a KeyRing needs at least one key: KeyRing.builder().key(\"2026-01\", "
            + "Base64.getDecoder().decode(<openssl rand -base64 32>)).build()");
      }
      return new KeyRing(this);
    }
  }
}
