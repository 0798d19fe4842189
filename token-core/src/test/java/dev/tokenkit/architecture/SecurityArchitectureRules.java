package dev.tokenkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.tokenkit.spi.SecretHasher;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The security-relevant architecture rules of token-core, as reusable {@link ArchRule}s. {@code
 * SecurityArchitectureTest} checks them against the production classes, and {@code SecurityArchitectureRulesTest}
 * proves each one fails on a deliberately bad fixture.
 */
final class SecurityArchitectureRules {
  private SecurityArchitectureRules() {}

  /** Packages token-core must never reach into: it knows nothing of servlets, SQL or JSON. */
  static final ArchRule CORE_IS_FREE_OF_SERVLET_SQL_AND_JSON = noClasses()
      .that().resideInAPackage("dev.tokenkit..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "jakarta.servlet..", "javax.servlet..", "org.jdbi..", "com.fasterxml.jackson..", "java.sql..", "javax.sql..")
      .because("token-core is embeddable anywhere; servlet, JDBI and Jackson live in their own modules");

  /** Only SecureRandom: java.util.Random and its predictable relatives are forbidden in token code. */
  static final ArchRule NO_PREDICTABLE_RANDOMNESS = noClasses()
      .that().resideInAPackage("dev.tokenkit..")
      .should().dependOnClassesThat(predictableRandom())
      .orShould().callMethod(Math.class, "random")
      .because("ids, secrets and audit ids must come from SecureRandom; java.util.Random is predictable");

  /** Classes that handle secrets or their digests; they must compare in constant time. */
  static final DescribedPredicate<JavaClass> HANDLES_SECRETS = DescribedPredicate.describe(
      "handle secrets or their digests",
      c -> c.getPackageName().startsWith("dev.tokenkit.internal.hash")
          || Set.of("dev.tokenkit.TokenSecret", "dev.tokenkit.internal.Authenticator",
              "dev.tokenkit.internal.CachedToken", "dev.tokenkit.internal.Digests").contains(c.getName()));

  /** No early-exit comparison (equals and friends) where secrets are handled. */
  static final ArchRule SECRETS_ARE_NEVER_COMPARED_WITH_EQUALS = noClasses()
      .that(HANDLES_SECRETS)
      .should().callMethodWhere(earlyExitComparison())
      .because("equals/compareTo stop at the first differing byte and leak timing; use MessageDigest.isEqual");

  /**
   * Every class that compares secrets itself calls MessageDigest.isEqual. Argon2idHasher is exempt by construction:
   * it delegates the comparison to libargon2's argon2_verify, which compares in constant time.
   */
  static final ArchRule SECRET_COMPARISONS_ARE_CONSTANT_TIME = classes()
      .that(HANDLES_SECRETS)
      .and().areAssignableTo(SecretHasher.class).and().areNotInterfaces()
      .and().doNotHaveSimpleName("Argon2idHasher")
      .or().haveFullyQualifiedName("dev.tokenkit.TokenSecret")
      .or().haveFullyQualifiedName("dev.tokenkit.internal.Authenticator")
      .should().callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
      .because("secret and digest comparisons must be constant-time (MessageDigest.isEqual)");

  /** Caffeine and argon2-jvm are implementation details of the public packages. */
  static final ArchRule NO_CACHE_OR_ARGON2_TYPES_IN_PUBLIC_API = classes()
      .that().resideInAnyPackage("dev.tokenkit", "dev.tokenkit.spi", "dev.tokenkit.memory")
      .and().arePublic()
      .should(notExposeTypesFrom("com.github.benmanes.caffeine", "de.mkammerer.argon2"))
      .because("types of Caffeine and argon2-jvm must never appear in a public signature");

  private static DescribedPredicate<JavaClass> predictableRandom() {
    return DescribedPredicate.describe("are java.util.Random (or a subclass other than SecureRandom), "
        + "SplittableRandom or a RandomGenerator", c ->
        (c.isAssignableTo(Random.class) && !c.isAssignableTo(SecureRandom.class))
            || c.getName().equals("java.util.SplittableRandom")
            || c.getName().startsWith("java.util.random."));
  }

  private static DescribedPredicate<JavaMethodCall> earlyExitComparison() {
    Set<String> names = Set.of("equals", "equalsIgnoreCase", "contentEquals", "compareTo", "compareToIgnoreCase",
        "regionMatches", "compare", "mismatch", "deepEquals");
    return DescribedPredicate.describe("is an early-exit comparison (equals, compareTo, Arrays.equals/compare/"
        + "mismatch, Objects.equals, ...)", call -> names.contains(call.getName())
            && !call.getTargetOwner().getName().equals("java.lang.Enum"));
  }

  private static ArchCondition<JavaClass> notExposeTypesFrom(String... packagePrefixes) {
    return new ArchCondition<>("not expose types of " + String.join(", ", packagePrefixes)
        + " in public or protected signatures") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<String> found = new ArrayList<>();
        List<JavaType> supers = new ArrayList<>();
        c.getSuperclass().ifPresent(supers::add);
        supers.addAll(c.getInterfaces());
        for (JavaType t : supers) {
          collect(c.getName() + " extends/implements", t, found);
        }
        for (JavaMember m : c.getMembers()) {
          if (!isVisible(m)) {
            continue;
          }
          String where = c.getName() + "." + m.getName();
          if (m instanceof JavaField f) {
            collect(where, f.getType(), found);
          } else if (m instanceof JavaCodeUnit u) {
            collect(where + " returns", u.getReturnType(), found);
            u.getParameterTypes().forEach(p -> collect(where + " takes", p, found));
            u.getThrowsClause().getTypes().forEach(x -> collect(where + " throws", x, found));
          }
        }
        for (String f : found) {
          events.add(SimpleConditionEvent.violated(c, f));
        }
      }

      private boolean isVisible(JavaMember m) {
        return m.getModifiers().contains(JavaModifier.PUBLIC) || m.getModifiers().contains(JavaModifier.PROTECTED);
      }

      private void collect(String where, JavaType type, List<String> found) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
          for (String p : packagePrefixes) {
            if (raw.getName().startsWith(p + ".")) {
              found.add(where + " " + raw.getName());
            }
          }
        }
      }
    };
  }

}
