package dev.tokenkit;

/**
 * Where a secret scanner found a token, e.g. one match of GitHub's secret scanning partner program. Holds no secret;
 * the values are untrusted and are sanitised and bounded before they reach the audit trail. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * LeakReport where = new LeakReport("github", "content", "https://github.com/octo/repo/blob/abc/.env");
 * }</pre>
 *
 * @param reporter who reported it, e.g. {@code github}; never {@code null}
 * @param source where it was found as the reporter names it (GitHub: {@code content}, {@code commit},
 *     {@code pull_request_title}, {@code npm}, ...), or {@code null}
 * @param url the public URL of the finding, or {@code null} (GitHub may send an empty one)
 */
public record LeakReport(String reporter, String source, String url) {
  /** Validates the components. */
  public LeakReport {
    java.util.Objects.requireNonNull(reporter, "reporter");
  }
}
