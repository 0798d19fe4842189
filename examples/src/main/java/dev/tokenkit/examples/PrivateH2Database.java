package dev.tokenkit.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The example's default store: an H2 file database that only the running example can open. It runs embedded in the
 * example's process (no {@code AUTO_SERVER}, no TCP server), H2 locks its file while the example has it open, the
 * database has a generated password kept in the data directory, and the directory is {@code rwx------} (0700) with
 * every file in it {@code rw-------} (0600), so other users can read neither the data nor the password.
 *
 * <p>Stateless apart from the files it creates; not thread-safe against another process preparing the same
 * directory at the same moment.
 *
 * <pre>{@code
 * PrivateH2Database db = PrivateH2Database.prepare(Path.of("data"));
 * hikari.setJdbcUrl(db.jdbcUrl()); hikari.setUsername(PrivateH2Database.USER); hikari.setPassword(db.password());
 * db.restrictFiles();   // after H2 created its files
 * }</pre>
 */
final class PrivateH2Database {
  /** The database user (created with the database, as its administrator). */
  static final String USER = "tokenkit";
  /** The password file's name in the data directory. */
  static final String PASSWORD_FILE = "db-password";
  /** The database's base name in the data directory ({@code tokenkit.mv.db}). */
  static final String DATABASE_NAME = "tokenkit";

  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private final Path dataDir;
  private final String password;

  private PrivateH2Database(Path dataDir, String password) {
    this.dataDir = dataDir;
    this.password = password;
  }

  /**
   * Creates the data directory (0700) and, for a new database, a random password file (0600); tightens the modes
   * of an existing directory and its files.
   *
   * @param dataDir the data directory ({@code --data-dir})
   * @return the database
   * @throws IllegalStateException when the directory holds a database created without a password file (by an older
   *     example), or cannot be prepared
   */
  static PrivateH2Database prepare(Path dataDir) {
    Path dir = dataDir.toAbsolutePath();
    try {
      createPrivate(dir);
      Path passwordFile = dir.resolve(PASSWORD_FILE);
      if (!Files.exists(passwordFile)) {
        if (Files.exists(dir.resolve(DATABASE_NAME + ".mv.db"))) {
          throw new IllegalStateException("The H2 database in " + dir + " has no " + PASSWORD_FILE + " file (it was"
              + " created by an older version of the example). Move that directory away, or choose another one with"
              + " --data-dir, to start with a new database.");
        }
        writeNewPassword(passwordFile);
      }
      PrivateH2Database db = new PrivateH2Database(dir, Files.readString(passwordFile, StandardCharsets.US_ASCII).trim());
      db.restrictFiles();
      return db;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the data directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void createPrivate(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, posix(dir.getParent()) ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(DIRECTORY)} : new FileAttribute<?>[0]);
      } catch (FileAlreadyExistsException raced) {
        // another instance created it; modes are tightened below
      }
    }
    if (posix(dir)) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    }
  }

  private static void writeNewPassword(Path passwordFile) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    FileAttribute<?>[] attributes = posix(passwordFile.getParent())
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(passwordFile.getParent(), PASSWORD_FILE, ".tmp", attributes);
    Files.writeString(temp, password + "\n", StandardCharsets.US_ASCII);
    Files.move(temp, passwordFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean posix(Path existing) {
    return Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
  }

  /**
   * The JDBC URL: an embedded file database, with no server mode.
   *
   * @return the URL (holds no credentials)
   */
  String jdbcUrl() {
    return jdbcUrl(dataDir);
  }

  /**
   * The JDBC URL of the database in a data directory: an embedded file database, with no server mode.
   *
   * @param dataDir the data directory
   * @return the URL (holds no credentials)
   */
  static String jdbcUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(DATABASE_NAME);
  }

  /**
   * The generated database password.
   *
   * @return the password
   */
  String password() {
    return password;
  }

  /**
   * Sets every file in the data directory to 0600 (on file systems with POSIX permissions): call it after H2 has
   * created its files.
   *
   * @throws UncheckedIOException when a mode cannot be set
   */
  void restrictFiles() {
    if (!posix(dataDir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dataDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.setPosixFilePermissions(f, FILE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restrict the files in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "PrivateH2Database[" + dataDir + "]"; // never the password
  }
}
