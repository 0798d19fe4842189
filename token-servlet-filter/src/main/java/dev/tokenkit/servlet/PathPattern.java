package dev.tokenkit.servlet;

import java.util.ArrayList;
import java.util.List;

/**
 * One route pattern: literal segments, {@code *} for exactly one segment, and a final {@code **} for the prefix
 * itself and anything below it. Matching is case-sensitive and runs on paths already checked by
 * {@link PathGuard}. Immutable and thread-safe.
 */
final class PathPattern {
  private static final String ONE = "*";
  private static final String ANY = "**";

  private final String text;
  private final String[] segments;
  private final boolean trailingAny;
  private final int literalCount;

  private PathPattern(String text, String[] segments, boolean trailingAny, int literalCount) {
    this.text = text;
    this.segments = segments;
    this.trailingAny = trailingAny;
    this.literalCount = literalCount;
  }

  /**
   * Parses and validates a pattern.
   *
   * @param text e.g. {@code /api/orders}, {@code /api/orders/*}, {@code /api/reports/**}
   * @return the pattern
   * @throws IllegalArgumentException with how to fix it
   */
  static PathPattern parse(String text) {
    if (text == null || text.isEmpty() || text.charAt(0) != '/') {
      throw bad(text, "must start with '/', e.g. /api/orders/**");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == ';' || c == '\\' || c == '%' || c == '?' || c == '#') {
        throw bad(text, "may only hold visible ASCII characters other than ';', '\\', '%', '?' and '#'"
            + " (write the decoded path the container reports)");
      }
    }
    if (text.equals("/")) {
      return new PathPattern(text, new String[0], false, 0);
    }
    if (text.endsWith("/")) {
      throw bad(text, "must not end with '/'; '" + text.substring(0, text.length() - 1)
          + "' already matches the path with a trailing slash");
    }
    String[] parts = text.substring(1).split("/", -1);
    List<String> segs = new ArrayList<>(parts.length);
    boolean any = false;
    int literals = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.isEmpty()) {
        throw bad(text, "must not contain '//'");
      }
      if (p.equals(".") || p.equals("..")) {
        throw bad(text, "must not contain '.' or '..' segments");
      }
      if (p.equals(ANY)) {
        if (i != parts.length - 1) {
          throw bad(text, "'**' is only allowed as the last segment, e.g. /api/reports/**");
        }
        any = true;
        continue;
      }
      if (!p.equals(ONE) && p.indexOf('*') >= 0) {
        throw bad(text, "'*' must be a whole segment ('/a/*' or '/a/**'), not part of one");
      }
      if (!p.equals(ONE)) {
        literals++;
        segs.add(p);
      } else {
        segs.add(ONE); // the constant itself: matches(String, int) tests it by identity
      }
    }
    return new PathPattern(text, segs.toArray(new String[0]), any, literals);
  }

  /**
   * Whether the pattern matches a path, walking its segments in place (issue 14: no {@code split}, no
   * substrings, no array per request).
   *
   * @param path a normalised path starting with '/'
   * @param end the end of the part to match, exclusive: the length without a trailing slash, or 0 for {@code "/"}
   *     (no segments)
   * @return {@code true} on a match
   */
  boolean matches(String path, int end) {
    int slash = 0; // index of the '/' before the next path segment; slash >= end means no segment left
    for (int i = 0; i < segments.length; i++) {
      if (slash >= end) {
        return false; // the path has fewer segments
      }
      int start = slash + 1;
      int next = path.indexOf('/', start);
      if (next < 0 || next > end) {
        next = end;
      }
      String s = segments[i];
      if (s != ONE && !(next - start == s.length() && path.regionMatches(start, s, 0, s.length()))) {
        return false;
      }
      slash = next;
    }
    return trailingAny || slash >= end;
  }

  /**
   * Whether the pattern matches a path split into segments: the definition {@link #matches(String, int)} must
   * agree with (checked by {@code RouteRulesFuzzTest}).
   *
   * @param path the segments of a normalised path without a trailing slash ({@code "/"} gives none)
   * @return {@code true} on a match
   */
  boolean matches(String[] path) {
    if (trailingAny ? path.length < segments.length : path.length != segments.length) {
      return false;
    }
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (!s.equals(ONE) && !s.equals(path[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Specificity: more literal segments first, then patterns without a trailing {@code **}.
   *
   * @return a number; higher wins
   */
  int specificity() {
    return literalCount * 4 + (trailingAny ? 0 : 2) + (segments.length - literalCount == 0 ? 1 : 0);
  }

  @Override
  public String toString() {
    return text;
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("Route pattern '" + text + "' " + why);
  }
}
