package dev.tokenkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.Actor;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.testkit.ForwardingTokenStore;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example's suite is a host application's suite with token-testkit added (see InMemoryStoreContractTest): its
 * own logging stays in force, the kit brings no logging configuration, JUnit settings or extensions, and the
 * optional argon2-jvm does not come along with TokenKit.
 */
class HostSuiteTest {
  private static final Logger LOG = LoggerFactory.getLogger("com.example.host");

  private static List<URL> resources(String name) throws IOException {
    return Collections.list(HostSuiteTest.class.getClassLoader().getResources(name));
  }

  @Test
  void theHostsOwnLoggingStaysInForce() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).as("the host's SLF4J backend")
        .isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
    assertThat(LOG.isInfoEnabled()).as("INFO, as simplelogger.properties says").isTrue();
    assertThat(LOG.isDebugEnabled()).isFalse();
  }

  @Test
  void theTestkitBringsNoLoggingConfigurationJUnitSettingsOrExtension() throws IOException {
    assertThat(ForwardingTokenStore.class.getProtectionDomain().getCodeSource()).isNotNull();
    for (String name : new String[] {"logback-test.xml", "logback.xml", "junit-platform.properties",
        "META-INF/services/org.junit.jupiter.api.extension.Extension"}) {
      assertThat(resources(name)).as(name).isEmpty();
    }
    assertThat(resources("simplelogger.properties")).as("the host's own file is found").hasSize(1);
  }

  @Test
  void aHostTestMayLogWhatItLikesWithoutAnyGuardFailingItsSuite() {
    try (TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).build()) {
      String token = tokens.issue(Actor.of("host"), IssueRequest.builder("ci", "alice").build()).secret().reveal();
      LOG.info("host test output at INFO stays visible");
      LOG.debug("a host may log what it likes in its own tests: {}", token); // no extension of TokenKit's fails this
      assertThat(token).startsWith("tk_");
    }
  }

  @Test
  void argon2AndJnaAreNotOnAHostsClassPath() {
    assertThatThrownBy(() -> Class.forName("de.mkammerer.argon2.Argon2Factory"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.sun.jna.Native")).isInstanceOf(ClassNotFoundException.class);
  }
}
