package dev.tokenkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.sharedsecret.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleKeysTest {
  private static final byte[] PLAIN = "tkss_value".getBytes(StandardCharsets.UTF_8);

  @Test
  void theKeyFileIsCreatedOnceOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
    ExampleOptions options = ExampleOptions.parse("--data-dir", dir.resolve("data").toString());
    KeyRing first = ExampleKeys.load(options, Map.of(), new SecureRandom());
    String sealed = first.encrypt(PLAIN, "ss_a");
    Path file = dir.resolve("data").resolve(ExampleKeys.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    KeyRing again = ExampleKeys.load(options, Map.of(), new SecureRandom());
    assertThat(again.decrypt(sealed, "ss_a")).isEqualTo(PLAIN);
  }

  @Test
  void theEnvironmentVariableWinsAndIsValidated(@TempDir Path dir) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    ExampleOptions options = ExampleOptions.parse("--data-dir", dir.toString());
    Map<String, String> env = Map.of(ExampleKeys.ENV, Base64.getEncoder().encodeToString(key));
    String sealed = ExampleKeys.load(options, env, new SecureRandom()).encrypt(PLAIN, "ss_a");
    assertThat(ExampleKeys.load(options, env, new SecureRandom()).decrypt(sealed, "ss_a")).isEqualTo(PLAIN);
    assertThat(dir.resolve(ExampleKeys.KEY_FILE)).doesNotExist();
    assertThatThrownBy(() -> ExampleKeys.load(options, Map.of(ExampleKeys.ENV, "not base64!"), new SecureRandom()))
        .hasMessageContaining("openssl rand -base64 32");
    assertThatThrownBy(() -> ExampleKeys.load(options, Map.of(ExampleKeys.ENV, "AAAA"), new SecureRandom()))
        .hasMessageContaining("32 bytes");
  }

  @Test
  void inMemoryUsesAFreshKeyAndWritesNothing(@TempDir Path dir) {
    ExampleOptions options = ExampleOptions.parse("--in-memory", "--data-dir", dir.toString());
    assertThat(ExampleKeys.load(options, Map.of(), new SecureRandom()).keyIds()).containsExactly("example-1");
    assertThat(dir.resolve(ExampleKeys.KEY_FILE)).doesNotExist();
  }
}
