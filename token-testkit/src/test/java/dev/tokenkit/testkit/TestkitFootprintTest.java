package dev.tokenkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.testsupport.IsolatedClassPath;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Adding token-testkit changes nothing else in a host's suite: the artifact's classes (this module's main output)
 * hold only {@code dev.tokenkit.testkit} classes, no logging configuration, no {@code junit-platform.properties}
 * and no registered extension; and without logback the kit still works while LeakCanary says what to add.
 */
class TestkitFootprintTest {

  private static Path mainOutput() throws URISyntaxException {
    return Path.of(ForwardingTokenStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theArtifactHoldsOnlyTestkitClassesAndNoConfiguration() throws Exception {
    Path root = mainOutput();
    assertThat(root).as("the module's main classes, not a jar of another build").isDirectory();
    List<String> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
    }
    assertThat(files).isNotEmpty()
        .contains("dev/tokenkit/testkit/TokenStoreContract.class", "dev/tokenkit/testkit/LeakCanary.class",
            "dev/tokenkit/testkit/ForwardingTokenStore.class")
        .allSatisfy(f -> assertThat(f).startsWith("dev/tokenkit/testkit/").endsWith(".class"))
        .noneMatch(f -> f.contains("SuiteLeakGuard") || f.contains("Test.class"));
  }

  @Test
  void withoutLogbackTheKitWorksAndLeakCanarySaysWhatToAdd() throws Exception {
    IsolatedClassPath noLogback = IsolatedClassPath.without(jar -> jar.contains("logback-"));
    assertThat(noLogback.call(HostWithoutLogback.class.getName(), "kitWorks")).isEqualTo(1);
    Throwable failure = (Throwable) noLogback.call(HostWithoutLogback.class.getName(), "startFailure");
    assertThat(failure).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ch.qos.logback:logback-classic");
  }
}
