package dev.tokenkit.benchmarks.support;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures the end-to-end benchmark reads from one {@code wrk --latency} run: requests per second, the 50th
 * and 99th latency percentiles, and the count of failed requests (non-2xx/3xx answers and socket errors).
 *
 * <p>Immutable and thread-safe. Example:
 *
 * <pre>{@code
 * WrkResult r = WrkResult.parse(wrkStdout);
 * double rps = r.requestsPerSecond();
 * }</pre>
 *
 * @param requestsPerSecond {@code Requests/sec}
 * @param p50Micros the 50% latency, in microseconds
 * @param p99Micros the 99% latency, in microseconds
 * @param requests the total requests wrk completed
 * @param non2xx3xx answers with a status outside 2xx/3xx (0 when wrk printed no such line)
 * @param socketErrors connect + read + write + timeout errors (0 when wrk printed no such line)
 */
public record WrkResult(double requestsPerSecond, double p50Micros, double p99Micros, long requests,
    long non2xx3xx, long socketErrors) {

  private static final Pattern RPS = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)\\s*$");
  private static final Pattern P50 = Pattern.compile("(?m)^\\s+50(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$");
  private static final Pattern P99 = Pattern.compile("(?m)^\\s+99(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s|m)\\s*$");
  private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ");
  private static final Pattern NON_2XX = Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses:\\s+(\\d+)\\s*$");
  private static final Pattern SOCKET = Pattern.compile(
      "(?m)^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$");

  /**
   * Parses the standard output of {@code wrk --latency}.
   *
   * @param output wrk's standard output; never {@code null}
   * @return the figures
   * @throws IllegalArgumentException when a required line (Requests/sec, the 50% and 99% latency of the
   *     {@code --latency} distribution, the request count) is missing: run wrk with {@code --latency}, and check
   *     wrk's own error output
   */
  public static WrkResult parse(String output) {
    double rps = Double.parseDouble(required(RPS, output, "Requests/sec").group(1));
    Matcher p50 = required(P50, output, "50% latency (run wrk with --latency)");
    Matcher p99 = required(P99, output, "99% latency (run wrk with --latency)");
    long requests = Long.parseLong(required(REQUESTS, output, "'N requests in'").group(1));
    Matcher non = NON_2XX.matcher(output);
    long non2xx = non.find() ? Long.parseLong(non.group(1)) : 0;
    Matcher sock = SOCKET.matcher(output);
    long socket = 0;
    if (sock.find()) {
      for (int g = 1; g <= 4; g++) {
        socket += Long.parseLong(sock.group(g));
      }
    }
    return new WrkResult(rps, micros(p50), micros(p99), requests, non2xx, socket);
  }

  /**
   * Whether every request got a 2xx/3xx answer without a socket error.
   *
   * @return true when nothing failed
   */
  public boolean allSucceeded() {
    return non2xx3xx == 0 && socketErrors == 0;
  }

  private static Matcher required(Pattern p, String output, String what) {
    Matcher m = p.matcher(output);
    if (!m.find()) {
      throw new IllegalArgumentException("wrk output has no " + what + " line; run wrk with --latency and check "
          + "its error output. Output was:\n" + output);
    }
    return m;
  }

  private static double micros(Matcher m) {
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "us" -> v;
      case "ms" -> v * 1_000;
      case "s" -> v * 1_000_000;
      case "m" -> v * 60_000_000;
      default -> throw new IllegalArgumentException("unknown wrk time unit " + m.group(2));
    };
  }
}
