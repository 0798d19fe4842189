package dev.tokenkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The security architecture rules hold for token-core's production classes (tests excluded). */
class SecurityArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.tokenkit");
  }

  @Test
  void coreDependsOnNoServletJdbiJacksonOrSqlType() {
    SecurityArchitectureRules.CORE_IS_FREE_OF_SERVLET_SQL_AND_JSON.check(production);
  }

  @Test
  void tokenCodeUsesNoPredictableRandomness() {
    SecurityArchitectureRules.NO_PREDICTABLE_RANDOMNESS.check(production);
  }

  @Test
  void secretHandlingCodeNeverComparesWithEquals() {
    SecurityArchitectureRules.SECRETS_ARE_NEVER_COMPARED_WITH_EQUALS.check(production);
  }

  @Test
  void secretComparisonsUseMessageDigestIsEqual() {
    SecurityArchitectureRules.SECRET_COMPARISONS_ARE_CONSTANT_TIME.check(production);
  }

  @Test
  void publicApiExposesNoCaffeineOrArgon2Type() {
    SecurityArchitectureRules.NO_CACHE_OR_ARGON2_TYPES_IN_PUBLIC_API.check(production);
  }
}
