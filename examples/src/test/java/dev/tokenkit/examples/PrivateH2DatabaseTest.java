package dev.tokenkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No process other than the running example can open its default H2 database: it runs embedded (no server), H2
 * holds a lock on the file, the password is generated and kept in a 0600 file inside a 0700 directory.
 */
class PrivateH2DatabaseTest {
  /** H2's error codes: wrong user name or password; database already in use (locked by another process). */
  private static final int WRONG_PASSWORD = 28000;
  private static final int LOCKED = 90020;

  @TempDir
  Path parent;

  private ExampleServer start(Path dataDir) throws Exception {
    return ExampleServer.start(ExampleOptions.parse("--port", "0", "--data-dir", dataDir.toString()),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void onlyTheRunningExampleCanOpenItsDatabase() throws Exception {
    Path dataDir = parent.resolve("data");
    String url = PrivateH2Database.jdbcUrl(dataDir);
    assertThat(url).doesNotContainIgnoringCase("AUTO_SERVER").doesNotContainIgnoringCase("tcp");
    try (ExampleServer app = start(dataDir)) {
      String password = Files.readString(dataDir.resolve(PrivateH2Database.PASSWORD_FILE)).trim();
      assertThat(password).hasSizeGreaterThanOrEqualTo(40);

      // in this JVM the database is open, so only the password check stands: without it, no connection
      for (String[] credentials : new String[][] {{"", ""}, {"sa", ""}, {PrivateH2Database.USER, ""},
          {PrivateH2Database.USER, "wrong"}}) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, credentials[0], credentials[1]).close())
            .as("user '%s'", credentials[0]).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo(WRONG_PASSWORD));
      }
      // another process, even one that knows the password, finds the database locked
      assertThat(probe(url, PrivateH2Database.USER, password)).isEqualTo("REFUSED " + LOCKED);
      assertThat(probe(url, "", "")).startsWith("REFUSED");
    }
    // control: once the example has stopped, the same probe opens it, so the refusal above was the lock
    String password = Files.readString(dataDir.resolve(PrivateH2Database.PASSWORD_FILE)).trim();
    assertThat(probe(url, PrivateH2Database.USER, password)).isEqualTo("OPENED");
  }

  @Test
  void theDataDirectoryIs0700AndItsFiles0600() throws Exception {
    Path dataDir = parent.resolve("nested/data");
    try (ExampleServer app = start(dataDir)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
      List<Path> files;
      try (Stream<Path> list = Files.list(dataDir)) {
        files = list.toList();
      }
      assertThat(files).extracting(p -> p.getFileName().toString())
          .contains(PrivateH2Database.PASSWORD_FILE, PrivateH2Database.DATABASE_NAME + ".mv.db");
      for (Path f : files) {
        assertThat(Files.isRegularFile(f)).as(f.toString()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void aRestartReusesTheDatabaseAndItsPassword() throws Exception {
    Path dataDir = parent.resolve("data");
    String firstStart;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ExampleServer app = ExampleServer.start(ExampleOptions.parse("--port", "0", "--data-dir",
        dataDir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8))) {
      firstStart = out.toString(StandardCharsets.UTF_8);
    }
    String password = Files.readString(dataDir.resolve(PrivateH2Database.PASSWORD_FILE));
    out.reset();
    try (ExampleServer app = ExampleServer.start(ExampleOptions.parse("--port", "0", "--data-dir",
        dataDir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8))) {
      assertThat(firstStart).contains("ADMIN TOKEN: ");
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("ADMIN TOKEN: ").contains("one already exists");
    }
    assertThat(Files.readString(dataDir.resolve(PrivateH2Database.PASSWORD_FILE))).isEqualTo(password);
  }

  @Test
  void aDatabaseWithoutAPasswordFileIsRefusedWithAMessageSayingWhatToDo() throws Exception {
    Path dataDir = Files.createDirectories(parent.resolve("old"));
    Files.writeString(dataDir.resolve(PrivateH2Database.DATABASE_NAME + ".mv.db"), "");
    assertThatThrownBy(() -> start(dataDir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--data-dir").hasMessageContaining(PrivateH2Database.PASSWORD_FILE);
  }

  /** Runs {@link H2OpenProbe} in a new JVM on this test's class path. */
  private static String probe(String url, String user, String password) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(java, "-cp", classPath, H2OpenProbe.class.getName(), url, user, password)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output.lines().filter(l -> l.startsWith("OPENED") || l.startsWith("REFUSED")).findFirst().orElse(output);
  }
}
