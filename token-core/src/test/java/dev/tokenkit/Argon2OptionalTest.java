package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.testsupport.IsolatedClassPath;
import org.junit.jupiter.api.Test;

/**
 * argon2-jvm is optional: a host without it (a class loader over the test class path minus argon2-jvm and JNA)
 * builds services with the default hasher, and asking for Argon2id fails when the service is built, naming the
 * dependency to add.
 */
class Argon2OptionalTest {
  private static final IsolatedClassPath NO_ARGON2 =
      IsolatedClassPath.without(jar -> jar.contains("argon2-jvm") || jar.contains("/jna/") || jar.contains("jna-"));

  @Test
  void withoutArgon2TheLibraryIsReallyMissingAndTheDefaultHasherWorks() throws Exception {
    assertThatThrownBy(() -> NO_ARGON2.call("de.mkammerer.argon2.Argon2Factory", "create"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(NO_ARGON2.call(HostWithoutArgon2.class.getName(), "defaultHasherWorks")).isEqualTo(true);
  }

  @Test
  void askingForArgon2idWithoutTheLibraryFailsAtBuildNamingTheDependency() throws Exception {
    for (String probe : new String[] {"argon2idBuildFailure", "argon2idVerifyOnlyBuildFailure"}) {
      Throwable failure = (Throwable) NO_ARGON2.call(HostWithoutArgon2.class.getName(), probe);
      assertThat(failure).as(probe).isInstanceOf(IllegalStateException.class);
      assertThat(failure.getMessage()).as(probe).contains("de.mkammerer:argon2-jvm").contains("<artifactId>argon2-jvm");
    }
  }

  @Test
  void withArgon2OnTheClassPathTheSameBuildWorks() {
    try (TokenService tokens = TokenService.builder().store(new dev.tokenkit.memory.InMemoryTokenStore())
        .hasher(SecretHashers.argon2id(1, 1024, 1)).build()) {
      String token = tokens.issue(Actor.of("host"), IssueRequest.builder("ci", "alice").build()).secret().reveal();
      assertThat(tokens.authenticate(token, AuthContext.anyApi("10.0.0.1")).isVerified()).isTrue();
    }
  }
}
