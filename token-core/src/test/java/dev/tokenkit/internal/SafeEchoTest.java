package dev.tokenkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeEchoTest {
  @ParameterizedTest
  @ValueSource(strings = {"nmae", "orders", "Überweisung", "o'brien", "a b-c.d", "日本"})
  void harmlessTextIsQuoted(String input) {
    assertThat(SafeEcho.quote(input)).isEqualTo("'" + input + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"<img src=x onerror=alert(1)>", "a\"b", "a&amp;", "`x`", "a\\b",
      "tk_0123456789abcdefABCDEF0123456789abcdef", "evil\u202Egpj", "a\u2028b", "a\uD800", "a\u0000", "a\u200Bb",
      "\uE000"})
  void markupCredentialsAndInvisibleCharactersAreNotRepeated(String input) {
    assertThat(SafeEcho.quote(input)).isEqualTo(SafeEcho.NOT_SHOWN);
  }

  @org.junit.jupiter.api.Test
  void longInputIsNotRepeated() {
    assertThat(SafeEcho.quote("a ".repeat(40))).isEqualTo(SafeEcho.NOT_SHOWN);
  }
}
