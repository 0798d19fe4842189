package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.VerifiedToken;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host code (this package stands for it) cannot make a {@link VerifiedToken}: the filter and the management servlet
 * trust a request attribute of that type, so only TokenKit may create one. Each case compiles a small host class
 * against token-core's classes with the JDK compiler; a control case proves the same setup compiles legal code.
 */
class VerifiedTokenCannotBeForgedTest {
  @TempDir
  Path dir;

  private static final String IMPORTS = "package com.example.host;\n"
      + "import dev.tokenkit.*;\nimport dev.tokenkit.internal.*;\nimport java.time.Instant;\n";

  @Test
  void hostCodeThatOnlyReadsAVerifiedTokenCompiles() throws Exception {
    List<String> result = compile("Reader", IMPORTS + "class Reader {\n"
        + "  static boolean admin(VerifiedToken t) { return t.managesTokens() && t.allows(\"orders\", AccessLevel.FULL); }\n"
        + "}\n");
    assertThat(result).as("the control compiles, so the failures below are about access").isEmpty();
  }

  @Test
  void hostCodeCannotCallTheConstructor() throws Exception {
    List<String> result = compile("Forger", IMPORTS + "class Forger {\n"
        + "  static VerifiedToken forge() {\n"
        + "    return new VerifiedToken(\"id\", \"name\", \"mallory\", \"ADMIN\", AccessGrants.none(), ManagementScope.full(), null, null, null, false);\n"
        + "  }\n}\n");
    assertThat(result).singleElement().asString().startsWith("compiler.err.report.access");
  }

  @Test
  void hostCodeCannotSubclassIt() throws Exception {
    List<String> result = compile("Sub", IMPORTS + "class Sub extends VerifiedToken {}\n");
    assertThat(result).anySatisfy(e -> assertThat(e).startsWith("compiler.err.cant.inherit.from.final"));
  }

  @Test
  void hostCodeCannotReachTheFactory() throws Exception {
    List<String> result = compile("Minter", IMPORTS + "class Minter {\n"
        + "  static VerifiedTokenFactory factory() { return VerifiedToken.FACTORY; }\n"
        + "}\n");
    assertThat(result).singleElement().asString().startsWith("compiler.err.not.def.public.cant.access")
        .contains("FACTORY");
  }

  @Test
  void reflectionShowsNoPublicWayToCreateOne() {
    assertThat(Modifier.isFinal(VerifiedToken.class.getModifiers())).isTrue();
    assertThat(VerifiedToken.class.getDeclaredConstructors())
        .allSatisfy(c -> assertThat(Modifier.isPrivate(c.getModifiers())).as(c.toString()).isTrue());
    assertThat(Arrays.stream(VerifiedToken.class.getMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == VerifiedToken.class))
        .as("no public static factory").isEmpty();
    assertThat(Arrays.stream(VerifiedToken.class.getDeclaredFields())
        .filter(f -> Modifier.isStatic(f.getModifiers())).map(Field::getModifiers))
        .allSatisfy(m -> assertThat(Modifier.isPublic(m) || Modifier.isProtected(m)).isFalse());
    List<Constructor<?>> publicConstructors = Arrays.asList(VerifiedToken.class.getConstructors());
    assertThat(publicConstructors).isEmpty();
  }

  /**
   * Compiles one host class against token-core's classes.
   *
   * @return the compiler's error codes (locale-independent, e.g. {@code compiler.err.report.access}); empty when it
   *     compiled
   */
  private List<String> compile(String className, String source) throws IOException, URISyntaxException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("tests run on a JDK").isNotNull();
    Path file = dir.resolve(className + ".java");
    Files.writeString(file, source);
    String classpath = new File(VerifiedToken.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getPath();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      javac.getTask(null, files, diagnostics,
          List.of("-classpath", classpath, "-d", dir.toString(), "-proc:none", "-Xlint:none"), null,
          files.getJavaFileObjects(file)).call();
    }
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getCode() + ": " + d.getMessage(Locale.ROOT)).toList();
  }
}
