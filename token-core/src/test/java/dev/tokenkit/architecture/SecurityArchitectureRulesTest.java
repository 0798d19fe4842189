package dev.tokenkit.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Each security rule fails on a deliberately bad fixture from the test tree (and passes on a good one), so a rule
 * that silently matches nothing cannot go unnoticed.
 */
class SecurityArchitectureRulesTest {
  private static JavaClasses load(String... names) {
    return new ClassFileImporter().importClasses(java.util.Arrays.stream(names).map(n -> {
      try {
        return Class.forName(n);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }).toArray(Class<?>[]::new));
  }

  private static void assertFails(ArchRule rule, JavaClasses classes, String expectedInMessage) {
    assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class)
        .hasMessageContaining(expectedInMessage);
  }

  @Test
  void theLayeringRuleCatchesAJdbcDependency() {
    assertFails(SecurityArchitectureRules.CORE_IS_FREE_OF_SERVLET_SQL_AND_JSON,
        load(ArchFixtures.TalksJdbc.class.getName()), "java.sql.Connection");
  }

  @Test
  void theRandomnessRuleCatchesUtilRandomThreadLocalRandomAndMathRandom() {
    assertFails(SecurityArchitectureRules.NO_PREDICTABLE_RANDOMNESS,
        load(ArchFixtures.UsesUtilRandom.class.getName()), "java.util.Random");
    assertFails(SecurityArchitectureRules.NO_PREDICTABLE_RANDOMNESS,
        load(ArchFixtures.UsesThreadLocalRandom.class.getName()), "ThreadLocalRandom");
    assertFails(SecurityArchitectureRules.NO_PREDICTABLE_RANDOMNESS,
        load(ArchFixtures.UsesMathRandom.class.getName()), "Math.random()");
    assertThatCode(() -> SecurityArchitectureRules.NO_PREDICTABLE_RANDOMNESS
        .check(load(ArchFixtures.UsesSecureRandom.class.getName()))).doesNotThrowAnyException();
  }

  @Test
  void theEqualsRuleCatchesStringAndArraysEqualsOnSecrets() {
    String hashers = "dev.tokenkit.internal.hash.ArchFixtureHashers$";
    assertFails(SecurityArchitectureRules.SECRETS_ARE_NEVER_COMPARED_WITH_EQUALS,
        load(hashers + "StringEqualsHasher"), "String.equals(java.lang.Object)");
    assertFails(SecurityArchitectureRules.SECRETS_ARE_NEVER_COMPARED_WITH_EQUALS,
        load(hashers + "ArraysEqualsHasher"), "Arrays.equals([B, [B)");
    assertThatCode(() -> SecurityArchitectureRules.SECRETS_ARE_NEVER_COMPARED_WITH_EQUALS
        .check(load(hashers + "ConstantTimeHasher"))).doesNotThrowAnyException();
  }

  @Test
  void theConstantTimeRuleCatchesAHasherThatNeverCallsIsEqual() {
    String hashers = "dev.tokenkit.internal.hash.ArchFixtureHashers$";
    assertFails(SecurityArchitectureRules.SECRET_COMPARISONS_ARE_CONSTANT_TIME,
        load(hashers + "StringEqualsHasher"), "StringEqualsHasher");
    assertThatCode(() -> SecurityArchitectureRules.SECRET_COMPARISONS_ARE_CONSTANT_TIME
        .check(load(hashers + "ConstantTimeHasher"))).doesNotThrowAnyException();
  }

  @Test
  void thePublicApiRuleCatchesCaffeineInReturnAndGenericParameterTypes() {
    JavaClasses fixture = load("dev.tokenkit.spi.ArchFixturePublicApi");
    assertFails(SecurityArchitectureRules.NO_CACHE_OR_ARGON2_TYPES_IN_PUBLIC_API, fixture,
        "ArchFixturePublicApi.cache returns com.github.benmanes.caffeine.cache.Cache");
    assertFails(SecurityArchitectureRules.NO_CACHE_OR_ARGON2_TYPES_IN_PUBLIC_API, fixture,
        "ArchFixturePublicApi.count takes com.github.benmanes.caffeine.cache.Cache");
    assertThatThrownBy(() -> SecurityArchitectureRules.NO_CACHE_OR_ARGON2_TYPES_IN_PUBLIC_API.check(fixture))
        .message().doesNotContain("hidden");
  }
}
