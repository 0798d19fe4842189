package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Names, owners and descriptions people can trust: characters that make text look like something else are refused
 * with a message naming the field, and accepted text is NFC-normalised.
 */
class TrustworthyTextTest {
  private static final Actor ADMIN = new Actor("admin", "192.0.2.1");

  private final TokenService service = TokenService.builder().store(new InMemoryTokenStore())
      .clock(new MutableClock(Instant.parse("2026-03-01T10:00:00Z"))).build();

  @AfterEach
  void close() {
    service.close();
  }

  static Stream<Arguments> lookAlikes() {
    return Stream.of(
        Arguments.of("right-to-left override U+202E", "invoice\u202Egpj.exe", "U+202E"),
        Arguments.of("right-to-left isolate U+2067", "a\u2067b", "U+2067"),
        Arguments.of("zero-width space U+200B", "ad\u200Bmin", "U+200B"),
        Arguments.of("byte-order mark U+FEFF", "x\uFEFFy", "U+FEFF"),
        Arguments.of("line separator U+2028", "first\u2028second", "U+2028"),
        Arguments.of("paragraph separator U+2029", "first\u2029second", "U+2029"),
        Arguments.of("unpaired high surrogate", "ab\uD800cd", "U+D800"),
        Arguments.of("unpaired low surrogate", "ab\uDC00cd", "U+DC00"),
        Arguments.of("reversed surrogate pair", "ab\uDC00\uD800", "U+DC00"),
        Arguments.of("NUL", "a\u0000b", "U+0000"),
        Arguments.of("escape", "a\u001B[31mb", "U+001B"),
        Arguments.of("C1 control U+0085", "a\u0085b", "U+0085"),
        Arguments.of("newline inside a name", "a\nb", "U+000A"));
  }

  @ParameterizedTest(name = "{0} in a name")
  @MethodSource("lookAlikes")
  void refusedInNames(String what, String text, String codePoint) {
    assertRefused(() -> service.issue(ADMIN, IssueRequest.builder(text, "alice").build()), "name", codePoint);
  }

  @ParameterizedTest(name = "{0} in an owner")
  @MethodSource("lookAlikes")
  void refusedInOwners(String what, String text, String codePoint) {
    assertRefused(() -> service.issue(ADMIN, IssueRequest.builder("ci", text).build()), "owner", codePoint);
  }

  @ParameterizedTest(name = "{0} in a description")
  @MethodSource("lookAlikes")
  void refusedInDescriptionsExceptNewlines(String what, String text, String codePoint) {
    Runnable issue = () -> service.issue(ADMIN, IssueRequest.builder("ci", "alice").description(text).build());
    if (text.equals("a\nb")) {
      issue.run(); // descriptions may span lines
      return;
    }
    assertRefused(issue, "description", codePoint);
  }

  @ParameterizedTest(name = "{0} in a renamed token")
  @MethodSource("lookAlikes")
  void refusedInUpdates(String what, String text, String codePoint) {
    String id = service.issue(ADMIN, IssueRequest.builder("ci", "alice").build()).token().id();
    assertRefused(() -> service.update(ADMIN, id, TokenUpdate.builder().name(text).build()), "name", codePoint);
    assertThat(service.get(id).name()).isEqualTo("ci");
  }

  @Test
  void descriptionsKeepNewlinesAndTabs() {
    Token t = service.issue(ADMIN, IssueRequest.builder("ci", "alice").description("line 1\n\tline 2").build()).token();
    assertThat(t.description()).isEqualTo("line 1\n\tline 2");
  }

  @Test
  void textIsNfcNormalisedSoOneVisibleNameIsOneName() {
    String decomposed = "Jose\u0301";
    String composed = "Jos\u00E9";
    Token t = service.issue(ADMIN, IssueRequest.builder("caf" + "e\u0301", decomposed)
        .description("re\u0301sume\u0301").build()).token();
    assertThat(t.name()).isEqualTo("caf\u00E9");
    assertThat(t.owner()).isEqualTo(composed);
    assertThat(t.description()).isEqualTo("r\u00E9sum\u00E9");
    // a second token with the composed spelling of the same name is a duplicate
    assertThat(catchThrowableOfType(
        () -> service.issue(ADMIN, IssueRequest.builder("caf\u00E9", composed).build()), DuplicateTokenException.class))
        .isNotNull();
    // either spelling finds the owner's tokens
    assertThat(service.list(TokenQuery.all().withOwner(decomposed)).items()).extracting(Token::id)
        .containsExactly(t.id());
    assertThat(service.list(TokenQuery.all().withOwner(composed)).items()).extracting(Token::id)
        .containsExactly(t.id());
  }

  @Test
  void ordinaryUnicodeIsAccepted() {
    Token t = service.issue(ADMIN, IssueRequest.builder("Überweisungen \uD83D\uDE80 日本", "o'brien/ops;%..")
        .build()).token();
    assertThat(t.name()).isEqualTo("Überweisungen \uD83D\uDE80 日本");
    assertThat(t.owner()).isEqualTo("o'brien/ops;%..");
  }

  private static void assertRefused(Runnable call, String field, String codePoint) {
    InvalidInputException e = catchThrowableOfType(call::run, InvalidInputException.class);
    assertThat(e).as("refused with InvalidInputException").isNotNull();
    assertThat(e.fieldErrors()).containsOnlyKeys(field);
    assertThat(e.fieldErrors().get(field)).startsWith(field + " must not contain").contains(codePoint);
  }
}
