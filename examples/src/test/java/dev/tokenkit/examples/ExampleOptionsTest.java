package dev.tokenkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExampleOptionsTest {

  @Test
  void defaultsArePort8080AndAnH2FileDatabaseUnderData() {
    ExampleOptions o = ExampleOptions.parse();
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.inMemory()).isFalse();
    assertThat(o.resetAdmin()).isFalse();
    assertThat(o.effectiveJdbcUrl()).startsWith("jdbc:h2:file:").contains(Path.of("data").toAbsolutePath().toString());
  }

  @Test
  void everyOptionIsUnderstood() {
    ExampleOptions o = ExampleOptions.parse("--port", "9090", "--db", "jdbc:postgresql://localhost/app?user=a&password=b",
        "--reset-admin");
    assertThat(o.port()).isEqualTo(9090);
    assertThat(o.effectiveJdbcUrl()).isEqualTo("jdbc:postgresql://localhost/app?user=a&password=b");
    assertThat(o.resetAdmin()).isTrue();
    assertThat(ExampleOptions.parse("--in-memory").effectiveJdbcUrl()).isNull();
    assertThat(ExampleOptions.parse("--port=0", "--data-dir=/tmp/x").port()).isZero();
  }

  @Test
  void badOptionsSayWhatIsWrong() {
    assertThatThrownBy(() -> ExampleOptions.parse("--port", "http")).hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> ExampleOptions.parse("--port")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> ExampleOptions.parse("--db", "postgres://x")).hasMessageContaining("JDBC URL");
    assertThatThrownBy(() -> ExampleOptions.parse("--in-memory", "--db", "jdbc:h2:mem:x")).hasMessageContaining("choose one");
    assertThatThrownBy(() -> ExampleOptions.parse("--verbose")).hasMessageContaining("unknown option");
  }
}
