package dev.tokenkit.imports;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An existing API key from another system, to be imported with {@code TokenService.importKey}: its plain text, its
 * unsalted SHA-256 (hex or Base64), or its Argon2id hash (PHC string) together with the key's own lookup prefix.
 * TokenKit finds imported keys that do not follow its format through an index (the SHA-256 digest of the
 * presented key, or its leading {@code lookupPrefix}), never by scanning. {@code toString()} never shows the key
 * or its hash. Immutable and thread-safe.
 *
 * <pre>{@code
 * tokens.importKey(admin, IssueRequest.builder("billing", "acme").role("READONLY").build(),
 *     KeyImport.sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
 * }</pre>
 */
public final class KeyImport {
  /** The shortest key TokenKit accepts as an import: shorter keys are too easy to guess. */
  public static final int MIN_KEY_LENGTH = 16;
  /** The longest key. */
  public static final int MAX_KEY_LENGTH = 512;
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{" + MIN_KEY_LENGTH + "," + MAX_KEY_LENGTH + "}");
  private static final Pattern PREFIX = Pattern.compile("[\\x21-\\x7e]{6,64}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");

  /** How the key was given. */
  public enum Kind {
    /** The key itself; hashed with the service's current hasher. */
    PLAIN_TEXT,
    /** Its unsalted SHA-256; found by digest. */
    SHA256,
    /** Its Argon2id hash; found by the key's lookup prefix. */
    ARGON2ID
  }

  private final Kind kind;
  private final String material;
  private final byte[] sha256;
  private final String lookupPrefix;

  private KeyImport(Kind kind, String material, byte[] sha256, String lookupPrefix) {
    this.kind = kind;
    this.material = material;
    this.sha256 = sha256;
    this.lookupPrefix = lookupPrefix;
  }

  /**
   * A key given in plain text (it is hashed at once; TokenKit never stores it).
   *
   * @param key 16 to 512 printable ASCII characters without spaces; never {@code null}
   * @return the import
   * @throws IllegalArgumentException when the key has another shape
   */
  public static KeyImport plainText(String key) {
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("an imported key must be " + MIN_KEY_LENGTH + " to " + MAX_KEY_LENGTH
          + " printable ASCII characters without spaces");
    }
    return new KeyImport(Kind.PLAIN_TEXT, key, null, null);
  }

  /**
   * A key given as its unsalted SHA-256 of the key's ASCII bytes, as 64 hex digits or standard Base64.
   *
   * @param digest the digest; never {@code null}
   * @return the import
   * @throws IllegalArgumentException when it is not a 32-byte digest in hex or Base64
   */
  public static KeyImport sha256(String digest) {
    Objects.requireNonNull(digest, "digest");
    byte[] bytes;
    try {
      bytes = HEX.matcher(digest).matches() ? HexFormat.of().parseHex(digest) : Base64.getDecoder().decode(digest);
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest must be 64 hex digits or 44 Base64 characters (32 bytes)");
    }
    return new KeyImport(Kind.SHA256, marker("sha256") + Base64.getEncoder().encodeToString(bytes), bytes, null);
  }

  /**
   * A key given as its Argon2id hash; such hashes are salted, so the key is found by its own leading characters,
   * e.g. the 8-character prefix of djangorestframework-api-key's {@code prefix.secret} keys.
   *
   * @param phc the hash in PHC form, {@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}; never {@code null}
   * @param lookupPrefix the key's first 6 to 64 characters, unique among imported keys; never {@code null}
   * @return the import
   * @throws IllegalArgumentException when the hash or the prefix has another shape
   */
  public static KeyImport argon2id(String phc, String lookupPrefix) {
    Objects.requireNonNull(phc, "phc");
    Objects.requireNonNull(lookupPrefix, "lookupPrefix");
    if (!phc.startsWith(marker("argon2id")) || phc.length() > 500 || !PRINTABLE.matcher(phc).matches()) {
      throw new IllegalArgumentException("an Argon2id hash must be a PHC string of the argon2id variant (v=19, m, t, p,"
          + " salt, hash)");
    }
    if (!PREFIX.matcher(lookupPrefix).matches()) {
      throw new IllegalArgumentException("lookupPrefix must be the key's first 6 to 64 printable ASCII characters");
    }
    return new KeyImport(Kind.ARGON2ID, phc, null, lookupPrefix);
  }

  /** A self-describing hash's leading marker, e.g. for {@code sha256}; built at run time, not a class constant. */
  private static String marker(String algorithm) {
    return new StringBuilder(algorithm.length() + 2).append('$').append(algorithm).append('$').toString();
  }

  /**
   * How the key was given.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The key's lookup prefix ({@link Kind#ARGON2ID} only).
   *
   * @return the prefix, or {@code null}
   */
  public String lookupPrefix() {
    return lookupPrefix;
  }

  /**
   * The index entry that finds this key: {@code d:<Base64 SHA-256>} for plain text and SHA-256 imports,
   * {@code p:<prefix>} for Argon2id imports.
   *
   * @return the lookup
   */
  public String lookup() {
    return switch (kind) {
      case PLAIN_TEXT -> digestLookup(material.getBytes(StandardCharsets.US_ASCII));
      case SHA256 -> "d:" + Base64.getEncoder().encodeToString(sha256);
      case ARGON2ID -> "p:" + lookupPrefix;
    };
  }

  /**
   * The one accessor of the secret material: the plain-text key, or the hash in TokenKit's stored form.
   *
   * @return the material; never log it
   */
  public String revealMaterial() {
    return material;
  }

  /**
   * The digest lookup of a presented key.
   *
   * @param key the presented key's ASCII bytes
   * @return {@code d:<Base64 SHA-256>}
   */
  public static String digestLookup(byte[] key) {
    try {
      return "d:" + Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(key));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "KeyImport[" + kind + (lookupPrefix == null ? "" : ", lookupPrefix=" + lookupPrefix) + ", key=redacted]";
  }
}
