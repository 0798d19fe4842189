package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tokenkit.internal.TokenCodec;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz targets for token parsing. In a normal build they replay the committed corpus in
 * {@code src/test/resources/dev/tokenkit/TokenFormatFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} they
 * fuzz (see docs/security.md).
 */
class TokenFormatFuzzTest {
  private static final TokenFormat FORMAT = TokenFormat.withPrefix("tk").alsoAccepting("acme_live", "acme_test");
  private static final String REJECTION = rejectionMessage();

  /** Arbitrary text: isWellFormed never throws; idOf agrees with it and throws only InvalidInputException. */
  @FuzzTest(maxDuration = "2m")
  void arbitraryTextIsEitherAWellFormedTokenOrInvalidInput(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    boolean wellFormed = FORMAT.isWellFormed(text);
    try {
      String id = FORMAT.idOf(text);
      assertThat(wellFormed).as("idOf accepted what isWellFormed rejected").isTrue();
      assertThat(id).hasSize(TokenCodec.ID_LENGTH).matches("[A-Za-z0-9]+");
      assertThat(text).contains("_" + id);
      assertThat(text).matches(FORMAT.regex());
    } catch (InvalidInputException e) {
      assertThat(wellFormed).as("idOf rejected what isWellFormed accepted").isFalse();
      assertThat(e.getMessage()).as("the error text is fixed: it never echoes the input").isEqualTo(REJECTION);
    }
  }

  /**
   * Any token generated from any randomness (and any valid prefix) parses back to its id, and every single-character
   * substitution or adjacent transposition of it is rejected (CRC32 catches all bursts up to 32 bits).
   */
  @FuzzTest(maxDuration = "2m")
  void generatedTokensParseAndEveryTypoIsRejected(FuzzedDataProvider data) {
    String prefix = prefixFrom(data.consumeString(12));
    TokenFormat format = TokenFormat.withPrefix(prefix).alsoAccepting("tk", "acme_test");
    int position = data.consumeInt(0, 1_000);
    char replacement = data.consumeChar();
    boolean transpose = data.consumeBoolean();
    FuzzedSecureRandom random = new FuzzedSecureRandom(data);

    String id = TokenCodec.newId(random);
    String token = format.newToken(id, random);

    assertThat(format.isWellFormed(token)).as(token).isTrue();
    assertThat(format.idOf(token)).isEqualTo(id);
    assertThat(token).matches(format.regex()).matches(TokenFormat.SCANNER_REGEX);

    int i = position % token.length();
    String typo;
    if (transpose && i + 1 < token.length()) {
      typo = token.substring(0, i) + token.charAt(i + 1) + token.charAt(i) + token.substring(i + 2);
    } else {
      typo = token.substring(0, i) + replacement + token.substring(i + 1);
    }
    if (!typo.equals(token)) {
      assertThat(format.isWellFormed(typo)).as("typo at %d of %s", i, token).isFalse();
    }
  }

  private static String rejectionMessage() {
    try {
      FORMAT.idOf("");
      throw new IllegalStateException("the empty string was accepted as a token");
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
  }

  private static String prefixFrom(String raw) {
    StringBuilder sb = new StringBuilder();
    for (char c : raw.toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        sb.append(c);
      } else if (Character.isLetter(c)) {
        sb.append((char) ('a' + Math.floorMod(c, 26)));
      }
    }
    String p = sb.toString();
    return p.isEmpty() || !(p.charAt(0) >= 'a' && p.charAt(0) <= 'z') ? "tk" : p;
  }

}
