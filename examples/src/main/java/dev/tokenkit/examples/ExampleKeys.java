package dev.tokenkit.examples;

import dev.tokenkit.sharedsecret.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The example's key ring for shared secrets (the key is never in the database):
 *
 * <ul>
 *   <li>{@value #ENV} (Base64 of 32 bytes, e.g. {@code openssl rand -base64 32}) when set — give every instance
 *       sharing one PostgreSQL database the same value;</li>
 *   <li>otherwise, with {@code --in-memory}, a random key per start (the secrets die with the process anyway);</li>
 *   <li>otherwise the file {@value #KEY_FILE} in the data directory, created on first start (mode 0600 where the
 *       file system has POSIX permissions) and reused afterwards.</li>
 * </ul>
 */
final class ExampleKeys {
  /** The environment variable holding the key in Base64. */
  static final String ENV = "TOKENKIT_SHARED_SECRET_KEY";
  /** The key file's name in the data directory. */
  static final String KEY_FILE = "shared-secret-key";
  /** The key id the example uses. */
  static final String KEY_ID = "example-1";

  private ExampleKeys() {}

  static KeyRing load(ExampleOptions options, Map<String, String> env, SecureRandom random) {
    String fromEnv = env.get(ENV);
    byte[] key;
    if (fromEnv != null && !fromEnv.isBlank()) {
      key = decode(fromEnv.strip(), ENV);
    } else if (options.inMemory()) {
      key = new byte[32];
      random.nextBytes(key);
    } else {
      key = readOrCreate(options.dataDir().toAbsolutePath().resolve(KEY_FILE), random);
    }
    return KeyRing.builder().key(KEY_ID, key).build();
  }

  private static byte[] decode(String base64, String where) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not Base64; generate a key with: openssl rand -base64 32");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException(where + " must hold 32 bytes (Base64 of 44 characters), got " + key.length
          + "; generate a key with: openssl rand -base64 32");
    }
    return key;
  }

  private static byte[] readOrCreate(Path file, SecureRandom random) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[32];
        random.nextBytes(key);
        FileAttribute<?>[] privateFile = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class)
            == null ? new FileAttribute<?>[0]
            : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        try {
          Files.writeString(Files.createFile(file, privateFile), Base64.getEncoder().encodeToString(key) + "\n",
              StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException raced) {
          // another instance created it first: use theirs
        }
      }
      return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), "The key file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the shared-secret key file " + file + ": " + e.getMessage(), e);
    }
  }
}
