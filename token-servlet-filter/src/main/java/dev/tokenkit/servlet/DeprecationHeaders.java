package dev.tokenkit.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code Deprecation} (RFC 9745, structured-field date {@code @<epoch seconds>}: the secret is deprecated as of
 * this request) and {@code Sunset} (RFC 8594, IMF-fixdate: when the old secret stops working). Stateless.
 */
final class DeprecationHeaders {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private DeprecationHeaders() {}

  static void add(HttpServletResponse response, Instant now, Instant sunset) {
    response.setHeader("Deprecation", "@" + now.getEpochSecond());
    response.setHeader("Sunset", imfFixdate(sunset));
  }

  static String imfFixdate(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }
}
