package dev.tokenkit.signature;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser and serialiser for the parts of RFC 8941 (Structured Field Values) that HTTP Message Signatures
 * and Content-Digest use: dictionaries whose members are items or inner lists, with parameters. Input that does not
 * follow the grammar is rejected with {@link IllegalArgumentException} (the caller turns it into "malformed").
 */
final class StructuredFields {
  /** A token (an unquoted bare item such as {@code sha-256}), kept apart from strings for serialisation. */
  record Token(String value) {}

  /** A bare item with its parameters; the value is a Long, BigDecimal, String, Token, byte[] or Boolean. */
  record Item(Object value, Map<String, Object> params) {}

  /** An inner list with its parameters. */
  record InnerList(List<Item> items, Map<String, Object> params) {}

  private static final int MAX_FIELD = 8192;

  private final String s;
  private int pos;

  private StructuredFields(String s) {
    this.s = s;
  }

  /**
   * Parses a dictionary. Field lines are combined with {@code ", "} first, as RFC 8941 §4.2 says.
   *
   * @param fieldLines the field's lines in order; empty means the field is absent (returns an empty map)
   * @return member name to {@link Item} or {@link InnerList}, in order; a repeated key keeps its last value
   */
  static Map<String, Object> parseDictionary(List<String> fieldLines) {
    String joined = String.join(", ", fieldLines);
    if (joined.length() > MAX_FIELD) {
      throw new IllegalArgumentException("field longer than " + MAX_FIELD + " characters");
    }
    StructuredFields p = new StructuredFields(joined);
    p.skipSp();
    Map<String, Object> out = new LinkedHashMap<>();
    while (!p.atEnd()) {
      String key = p.key();
      Object value;
      if (p.peek() == '=') {
        p.pos++;
        value = p.peek() == '(' ? p.innerList() : p.item();
      } else {
        value = new Item(Boolean.TRUE, p.parameters());
      }
      out.remove(key);
      out.put(key, value);
      p.skipOws();
      if (p.atEnd()) {
        break;
      }
      p.expect(',');
      p.skipOws();
      if (p.atEnd()) {
        throw new IllegalArgumentException("trailing comma");
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ parsing

  private boolean atEnd() {
    return pos >= s.length();
  }

  private char peek() {
    return atEnd() ? '\0' : s.charAt(pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + pos);
    }
    pos++;
  }

  private void skipSp() {
    while (peek() == ' ') {
      pos++;
    }
  }

  private void skipOws() {
    while (peek() == ' ' || peek() == '\t') {
      pos++;
    }
  }

  private InnerList innerList() {
    expect('(');
    List<Item> items = new ArrayList<>();
    while (true) {
      skipSp();
      if (peek() == ')') {
        pos++;
        return new InnerList(List.copyOf(items), parameters());
      }
      items.add(item());
      char c = peek();
      if (c != ' ' && c != ')') {
        throw new IllegalArgumentException("expected ' ' or ')' in inner list at " + pos);
      }
    }
  }

  private Item item() {
    Object bare = bareItem();
    return new Item(bare, parameters());
  }

  private Map<String, Object> parameters() {
    Map<String, Object> params = new LinkedHashMap<>();
    while (peek() == ';') {
      pos++;
      skipSp();
      String key = key();
      Object value = Boolean.TRUE;
      if (peek() == '=') {
        pos++;
        value = bareItem();
      }
      params.remove(key);
      params.put(key, value);
    }
    return params;
  }

  private String key() {
    char c = peek();
    if (!((c >= 'a' && c <= 'z') || c == '*')) {
      throw new IllegalArgumentException("a key must start with a lowercase letter or '*' at " + pos);
    }
    int start = pos;
    while (!atEnd()) {
      c = peek();
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
        pos++;
      } else {
        break;
      }
    }
    return s.substring(start, pos);
  }

  private Object bareItem() {
    char c = peek();
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number();
    }
    if (c == '"') {
      return string();
    }
    if (c == ':') {
      return byteSequence();
    }
    if (c == '?') {
      pos++;
      char b = peek();
      if (b != '0' && b != '1') {
        throw new IllegalArgumentException("a boolean is ?0 or ?1");
      }
      pos++;
      return b == '1';
    }
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '*') {
      return token();
    }
    throw new IllegalArgumentException("unexpected character at " + pos);
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int digits = 0;
    int dot = -1;
    while (!atEnd()) {
      char c = peek();
      if (c >= '0' && c <= '9') {
        digits++;
        pos++;
      } else if (c == '.' && dot < 0) {
        dot = pos;
        pos++;
      } else {
        break;
      }
    }
    String text = s.substring(start, pos);
    if (digits == 0) {
      throw new IllegalArgumentException("a number needs digits");
    }
    if (dot < 0) {
      if (digits > 15) {
        throw new IllegalArgumentException("integer longer than 15 digits");
      }
      return Long.parseLong(text);
    }
    int intDigits = dot - start - (text.startsWith("-") ? 1 : 0);
    int fracDigits = pos - dot - 1;
    if (intDigits > 12 || fracDigits < 1 || fracDigits > 3) {
      throw new IllegalArgumentException("malformed decimal");
    }
    return new BigDecimal(text);
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (!atEnd()) {
      char c = s.charAt(pos++);
      if (c == '\\') {
        char n = peek();
        if (n != '"' && n != '\\') {
          throw new IllegalArgumentException("only \\\" and \\\\ may be escaped");
        }
        out.append(n);
        pos++;
      } else if (c == '"') {
        return out.toString();
      } else if (c < 0x20 || c > 0x7E) {
        throw new IllegalArgumentException("a string holds printable ASCII only");
      } else {
        out.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated string");
  }

  private Token token() {
    int start = pos;
    pos++;
    while (!atEnd()) {
      char c = peek();
      if (isTchar(c) || c == ':' || c == '/') {
        pos++;
      } else {
        break;
      }
    }
    return new Token(s.substring(start, pos));
  }

  private static boolean isTchar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private byte[] byteSequence() {
    expect(':');
    int end = s.indexOf(':', pos);
    if (end < 0) {
      throw new IllegalArgumentException("unterminated byte sequence");
    }
    String b64 = s.substring(pos, end);
    for (int i = 0; i < b64.length(); i++) {
      char c = b64.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
          || c == '=')) {
        throw new IllegalArgumentException("a byte sequence holds Base64 only");
      }
    }
    pos = end + 1;
    return Base64.getDecoder().decode(b64);
  }

  // ------------------------------------------------------------------ serialising

  /**
   * Serialises an inner list with its parameters (RFC 8941 §4.1.1.1), as used for {@code @signature-params}.
   *
   * @param list the list
   * @return the canonical text
   */
  static String serialize(InnerList list) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < list.items().size(); i++) {
      if (i > 0) {
        out.append(' ');
      }
      Item item = list.items().get(i);
      bare(item.value(), out);
      params(item.params(), out);
    }
    out.append(')');
    params(list.params(), out);
    return out.toString();
  }

  private static void params(Map<String, Object> params, StringBuilder out) {
    for (Map.Entry<String, Object> p : params.entrySet()) {
      out.append(';').append(p.getKey());
      if (!Boolean.TRUE.equals(p.getValue())) {
        out.append('=');
        bare(p.getValue(), out);
      }
    }
  }

  static void bare(Object v, StringBuilder out) {
    if (v instanceof String str) {
      out.append('"');
      for (int i = 0; i < str.length(); i++) {
        char c = str.charAt(i);
        if (c < 0x20 || c > 0x7E) {
          throw new IllegalArgumentException("a string holds printable ASCII only");
        }
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
      out.append('"');
    } else if (v instanceof Token t) {
      out.append(t.value());
    } else if (v instanceof byte[] b) {
      out.append(':').append(Base64.getEncoder().encodeToString(b)).append(':');
    } else if (v instanceof Boolean b) {
      out.append(b ? "?1" : "?0");
    } else if (v instanceof Long || v instanceof Integer) {
      out.append(v);
    } else if (v instanceof BigDecimal d) {
      out.append(d.toPlainString());
    } else {
      throw new IllegalArgumentException("not a structured-field bare item: " + v.getClass().getSimpleName());
    }
  }
}
