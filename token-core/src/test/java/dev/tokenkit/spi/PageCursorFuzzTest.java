package dev.tokenkit.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenkit.InvalidInputException;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz target for page cursors, which come back from clients: only {@link InvalidInputException} may escape
 * and anything accepted re-encodes to an equal cursor. Corpus:
 * {@code src/test/resources/dev/tokenkit/spi/PageCursorFuzzTestInputs/<method>/}.
 */
class PageCursorFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void arbitraryCursorTextIsEitherACursorOrInvalidInput(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    PageCursor cursor;
    try {
      cursor = PageCursor.decode(text);
    } catch (InvalidInputException e) {
      assertThat(e.fieldErrors()).containsOnlyKeys("cursor");
      assertThat(e.getMessage()).as("the error text is fixed: it never echoes the input")
          .isEqualTo("Invalid input: cursor: not a valid cursor; pass back the nextCursor of the previous page");
      return;
    }
    assertThat(cursor).isNotNull();
    assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
  }
}
