package dev.tokenkit;

import dev.tokenkit.memory.InMemoryTokenStore;

/**
 * What a host application without argon2-jvm does, run by {@link Argon2OptionalTest} in a class loader that lacks
 * argon2-jvm and JNA. Public for that loader; not a test itself.
 */
public final class HostWithoutArgon2 {
  private HostWithoutArgon2() {}

  /**
   * Builds a service with the default hasher, issues and verifies a token.
   *
   * @return whether the token verified
   */
  public static Boolean defaultHasherWorks() {
    try (TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).build()) {
      String token = tokens.issue(Actor.of("host"), IssueRequest.builder("ci", "alice").build()).secret().reveal();
      return tokens.authenticate(token, AuthContext.anyApi("10.0.0.1")).isVerified();
    }
  }

  /**
   * Asks for Argon2id: creating the hasher must work, building the service must fail.
   *
   * @return the exception {@code build()} threw
   * @throws AssertionError when the service was built
   */
  public static Throwable argon2idBuildFailure() {
    var builder = TokenService.builder().store(new InMemoryTokenStore()).hasher(SecretHashers.argon2id());
    try {
      builder.build().close();
    } catch (RuntimeException | LinkageError e) {
      return e;
    }
    throw new AssertionError("TokenService.build() with Argon2id succeeded without argon2-jvm");
  }

  /**
   * Asks for Argon2id only to verify old hashes ({@code alsoVerifyWith}).
   *
   * @return the exception {@code build()} threw
   * @throws AssertionError when the service was built
   */
  public static Throwable argon2idVerifyOnlyBuildFailure() {
    var builder = TokenService.builder().store(new InMemoryTokenStore()).alsoVerifyWith(SecretHashers.argon2id());
    try {
      builder.build().close();
    } catch (RuntimeException | LinkageError e) {
      return e;
    }
    throw new AssertionError("TokenService.build() verifying with Argon2id succeeded without argon2-jvm");
  }
}
