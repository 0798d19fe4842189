package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.memory.InMemoryTokenStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's core example is this code: it compiles here, runs here, and must match the README verbatim. */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleIssuesAndVerifiesAToken() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      // readme-example:start
      TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).build();

      IssuedToken issued = tokens.issue(Actor.of("admin"),
          IssueRequest.builder("ci-deploy", "alice").role("READONLY").build());
      String token = issued.secret().reveal(); // shown once; only a hash is stored

      AuthOutcome outcome = tokens.authenticate(token, AuthContext.of("203.0.113.7", "orders", AccessLevel.READ));
      if (outcome.isVerified()) {
        System.out.println("Hello " + outcome.token().owner());
      } else {
        System.out.println("Denied: " + outcome.reason());
      }
      // readme-example:end
      tokens.close();
    } finally {
      System.setOut(out);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("Hello alice" + System.lineSeparator());
  }

  @Test
  void theReadmeShowsExactlyThisExample() throws IOException {
    String source = Files.readString(Path.of("src/test/java/dev/tokenkit/ReadmeExampleTest.java"));
    String inTest = between(source, "// readme-example:start\n", "      // readme-example:end");
    String readme = Files.readString(Path.of("../README.md"));
    String marker = "<!-- readme-example:core -->\n```java\n";
    String inReadme = between(readme, marker, "```");
    assertThat(normalise(inReadme)).isEqualTo(normalise(inTest));
  }

  private static String between(String text, String start, String end) {
    int s = text.indexOf(start);
    assertThat(s).as("marker %s", start).isNotNegative();
    int from = s + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private static String normalise(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }
}
