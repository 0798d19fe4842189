package dev.tokenkit;

import java.text.Normalizer;

/**
 * The character rules for names, owners and descriptions: text people read in lists, logs and audit trails must
 * look like what it is. Refused: control characters (descriptions keep newlines and tabs), format characters
 * (bidi overrides and isolates such as U+202E, zero-width characters, byte-order marks), the line and paragraph
 * separators U+2028 and U+2029, and unpaired surrogates. Accepted text is NFC-normalised, so one visible name has
 * one stored form. Stateless.
 */
final class TextRules {
  private TextRules() {}

  /**
   * What is wrong with the characters of a value, or {@code null} when they are acceptable.
   *
   * @param field the field name, for the message
   * @param value the value; never {@code null}
   * @param multiline whether newlines and tabs are allowed (descriptions)
   * @return a message naming the field and the first refused code point, or {@code null}
   */
  static String problem(String field, String value, boolean multiline) {
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      String kind = refusedKind(cp, multiline);
      if (kind != null) {
        return field + " must not contain " + kind + " (found " + codePoint(cp) + " at position " + (i + 1)
            + "); remove it and retype the text";
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /**
   * The NFC form of a value, so that a composed and a decomposed spelling are the same name.
   *
   * @param value the value, or {@code null}
   * @return the normalised value, or {@code null}
   */
  static String nfc(String value) {
    return value == null || Normalizer.isNormalized(value, Normalizer.Form.NFC)
        ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
  }

  private static String refusedKind(int cp, boolean multiline) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
        return multiline && (cp == '\n' || cp == '\t') ? null
            : multiline ? "control characters other than newlines and tabs" : "control characters";
      case Character.FORMAT:
        return "invisible format characters such as bidi overrides or zero-width characters";
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return "line or paragraph separators";
      case Character.SURROGATE:
        return "unpaired surrogates (broken UTF-16)";
      default:
        return null;
    }
  }

  private static String codePoint(int cp) {
    return String.format("U+%04X", cp);
  }
}
