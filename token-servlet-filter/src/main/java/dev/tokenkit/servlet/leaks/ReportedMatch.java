package dev.tokenkit.servlet.leaks;

/**
 * One match of a report: {@code {"token", "type", "url", "source"}}. Holds a reported secret: no {@code toString}
 * with the token.
 */
final class ReportedMatch {
  final String token;
  final String type;
  final String url;
  final String source;

  ReportedMatch(String token, String type, String url, String source) {
    this.token = token;
    this.type = type;
    this.url = url;
    this.source = source;
  }

  @Override
  public String toString() {
    return "ReportedMatch[type=" + type + ", token=redacted]";
  }
}
