package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.internal.Base62;
import dev.tokenkit.internal.TokenCodec;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenFormatTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final TokenFormat format = TokenFormat.defaults();

  private String newToken() {
    return format.newToken(TokenCodec.newId(RANDOM), RANDOM);
  }

  @Test
  void generatedTokensRoundTripAndCarryTheirId() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String id = TokenCodec.newId(RANDOM);
      String token = format.newToken(id, RANDOM);
      assertThat(token).startsWith("tk_").hasSize(3 + 65).matches("[A-Za-z0-9_]+");
      assertThat(format.isWellFormed(token)).isTrue();
      assertThat(format.idOf(token)).isEqualTo(id);
      assertThat(seen.add(token)).isTrue();
    }
  }

  @Test
  void everySingleCharacterChangeIsRejected() {
    String token = newToken();
    char[] alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.".toCharArray();
    int checked = 0;
    for (int pos = 0; pos < token.length(); pos++) {
      for (char c : alphabet) {
        if (token.charAt(pos) == c) {
          continue;
        }
        String mutated = token.substring(0, pos) + c + token.substring(pos + 1);
        assertThat(format.isWellFormed(mutated)).as("changed position %d to %s", pos, c).isFalse();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(4000);
  }

  @Test
  void randomMultiCharacterCorruptionIsRejected() {
    Random r = new Random(42);
    for (int i = 0; i < 2000; i++) {
      char[] chars = newToken().toCharArray();
      int changes = 2 + r.nextInt(3);
      String original = new String(chars);
      for (int k = 0; k < changes; k++) {
        int pos = 3 + r.nextInt(chars.length - 3);
        chars[pos] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".charAt(r.nextInt(62));
      }
      String mutated = new String(chars);
      if (!mutated.equals(original)) {
        assertThat(format.isWellFormed(mutated)).as(mutated).isFalse();
      }
    }
  }

  @Test
  void truncatedExtendedSwappedOrEmptyTokensAreRejected() {
    String token = newToken();
    assertThat(format.isWellFormed(token.substring(0, token.length() - 1))).isFalse();
    assertThat(format.isWellFormed(token + "a")).isFalse();
    assertThat(format.isWellFormed(" " + token)).isFalse();
    assertThat(format.isWellFormed(token + "\n")).isFalse();
    String swapped = token.substring(0, 10) + token.charAt(11) + token.charAt(10) + token.substring(12);
    if (!swapped.equals(token)) {
      assertThat(format.isWellFormed(swapped)).isFalse();
    }
    assertThat(format.isWellFormed("")).isFalse();
    assertThat(format.isWellFormed(null)).isFalse();
    assertThat(format.isWellFormed("tk_")).isFalse();
    assertThat(format.isWellFormed("x".repeat(100_000))).isFalse();
  }

  @Test
  void otherPrefixesAreAcceptedOnlyWhenConfigured() {
    TokenFormat live = TokenFormat.withPrefix("acme_live").alsoAccepting("acme_test");
    String token = live.newToken(TokenCodec.newId(RANDOM), RANDOM);
    assertThat(token).startsWith("acme_live_");
    assertThat(live.isWellFormed(token)).isTrue();
    assertThat(format.isWellFormed(token)).isFalse();
    assertThat(TokenFormat.withPrefix("acme_test").isWellFormed(token)).isFalse();
    String testToken = TokenFormat.withPrefix("acme_test").newToken(TokenCodec.newId(RANDOM), RANDOM);
    assertThat(live.isWellFormed(testToken)).isTrue();
  }

  @Test
  void badPrefixesAreRefusedWithAHint() {
    for (String bad : new String[] {"", "TK", "tk-", "_tk", "tk__x", "1tk", "a".repeat(33), "tk_"}) {
      assertThatThrownBy(() -> TokenFormat.withPrefix(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lowercase");
    }
  }

  @Test
  void scannerRegexesMatchRealTokensWhole() {
    String token = newToken();
    String text = "export API_KEY=" + token + " # prod";
    var m = Pattern.compile(TokenFormat.SCANNER_REGEX).matcher(text);
    assertThat(m.find()).isTrue();
    assertThat(m.group()).isEqualTo(token);
    var own = Pattern.compile(format.regex()).matcher(text);
    assertThat(own.find()).isTrue();
    assertThat(own.group()).isEqualTo(token);
    assertThat(format.regex()).isEqualTo("\\b(?:tk)_[A-Za-z0-9]{65}\\b");
    assertThat(Pattern.compile(format.regex()).matcher("tk_" + "a".repeat(64)).find()).isFalse();
  }

  @Test
  void secretCarriesAtLeast256Bits() {
    assertThat(TokenCodec.SECRET_LENGTH * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(256.0);
    assertThat(Math.pow(62, TokenCodec.CHECKSUM_LENGTH)).isGreaterThan(Math.pow(2, 32));
  }

  @Test
  void base62FixedWidthRoundTrips() {
    for (long v : new long[] {0, 1, 61, 62, 0xFFFFFFFFL, 123456789}) {
      StringBuilder sb = new StringBuilder();
      Base62.appendFixed(v, 6, sb);
      assertThat(sb).hasSize(6);
      assertThat(Base62.decodeFixed(sb, 0, 6)).isEqualTo(v);
    }
  }

  @Test
  void idOfAMalformedTokenIsInvalidInputWithoutEchoingIt() {
    String token = newToken();
    String broken = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
    assertThatThrownBy(() -> format.idOf(broken))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(broken.substring(3)));
  }
}
