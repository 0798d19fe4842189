package dev.tokenkit.webhook;

import dev.tokenkit.internal.HmacSha256;
import dev.tokenkit.sharedsecret.SharedSecretValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Signatures for webhooks a host sends to an integration, keyed with a shared secret, in the two forms
 * integrations already know:
 *
 * <ul>
 *   <li><b>Stripe style</b>: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, with one
 *       {@code v1} per secret during a rotation; the receiver checks the timestamp against a tolerance.</li>
 *   <li><b>GitHub style</b>: {@code sha256=<hex HMAC-SHA256(secret, body)>} (the {@code X-Hub-Signature-256}
 *       header), no timestamp.</li>
 * </ul>
 *
 * <p>Comparisons are constant-time. Immutable and thread-safe.
 *
 * <pre>{@code
 * WebhookSignatures webhooks = WebhookSignatures.create(Clock.systemUTC(), Duration.ofMinutes(5));
 * String header = webhooks.sign(body, current);            // "TokenKit-Signature: t=...,v1=..."
 * boolean ok = webhooks.verify(header, body, current);     // on the receiving side
 * String gh = WebhookSignatures.github(body, secret);      // "X-Hub-Signature-256: sha256=..."
 * }</pre>
 */
public final class WebhookSignatures {
  /** The header name TokenKit suggests for Stripe-style signatures. */
  public static final String HEADER = "TokenKit-Signature";
  /** GitHub's header name for the plain form. */
  public static final String GITHUB_HEADER = "X-Hub-Signature-256";
  private static final int MAX_HEADER = 4096;

  private final Clock clock;
  private final Duration tolerance;

  private WebhookSignatures(Clock clock, Duration tolerance) {
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /**
   * Stripe-style signing and verification.
   *
   * @param clock the clock for {@code t} and the tolerance check; never {@code null}
   * @param tolerance how far {@code t} may be from the clock when verifying (Stripe uses 5 minutes); 1 s to 1 day
   * @return the signer/verifier
   * @throws IllegalArgumentException when the tolerance is out of range
   */
  public static WebhookSignatures create(Clock clock, Duration tolerance) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tolerance, "tolerance");
    if (tolerance.getSeconds() < 1 || tolerance.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("tolerance must be between 1 second and 1 day, got " + tolerance
          + "; 5 minutes is the usual choice");
    }
    return new WebhookSignatures(clock, tolerance);
  }

  /**
   * Signs a payload now, with one {@code v1} per secret (give the new and the old secret during a rotation).
   *
   * @param payload the exact bytes sent as the body; never {@code null}
   * @param secrets at least one secret
   * @return {@code t=<seconds>,v1=<hex>[,v1=<hex>...]}
   */
  public String sign(byte[] payload, SharedSecretValue... secrets) {
    return sign(payload, clock.instant(), secrets);
  }

  /**
   * Signs a payload with a given timestamp.
   *
   * @param payload the exact body bytes; never {@code null}
   * @param timestamp the time to sign (whole seconds are used)
   * @param secrets at least one secret
   * @return {@code t=<seconds>,v1=<hex>[,v1=<hex>...]}
   */
  public static String sign(byte[] payload, Instant timestamp, SharedSecretValue... secrets) {
    Objects.requireNonNull(payload, "payload");
    if (secrets.length == 0) {
      throw new IllegalArgumentException("give at least one secret to sign with");
    }
    long t = timestamp.getEpochSecond();
    StringBuilder out = new StringBuilder("t=").append(t);
    for (SharedSecretValue s : secrets) {
      out.append(",v1=").append(HexFormat.of().formatHex(hmac(s, signedPayload(t, payload))));
    }
    return out.toString();
  }

  /**
   * Verifies a Stripe-style header: some {@code v1} matches and {@code t} is within the tolerance. Unknown schemes
   * (e.g. {@code v0}) are ignored.
   *
   * @param header the received header value, possibly {@code null}
   * @param payload the received body bytes; never {@code null}
   * @param secret the secret (during the receiver's own rotation call once per secret); never {@code null}
   * @return {@code true} when valid
   */
  public boolean verify(String header, byte[] payload, SharedSecretValue secret) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(secret, "secret");
    if (header == null || header.length() > MAX_HEADER) {
      return false;
    }
    Long t = null;
    List<byte[]> candidates = new ArrayList<>();
    for (String part : header.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        return false;
      }
      String key = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      try {
        if (key.equals("t")) {
          if (t != null || !value.matches("[0-9]{1,12}")) {
            return false;
          }
          t = Long.parseLong(value);
        } else if (key.equals("v1")) {
          candidates.add(HexFormat.of().parseHex(value));
        }
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (t == null || candidates.isEmpty()
        || Math.abs(clock.instant().getEpochSecond() - t) > tolerance.getSeconds()) {
      return false;
    }
    byte[] expected = hmac(secret, signedPayload(t, payload));
    boolean match = false;
    for (byte[] c : candidates) {
      match |= MessageDigest.isEqual(expected, c);
    }
    return match;
  }

  /**
   * GitHub's plain form for a payload.
   *
   * @param payload the exact body bytes; never {@code null}
   * @param secret the webhook secret; never {@code null}
   * @return {@code sha256=<hex HMAC-SHA256(secret, body)>}
   */
  public static String github(byte[] payload, SharedSecretValue secret) {
    Objects.requireNonNull(payload, "payload");
    return "sha256=" + HexFormat.of().formatHex(hmac(secret, payload));
  }

  /**
   * Verifies GitHub's plain form.
   *
   * @param header the received {@code X-Hub-Signature-256} value, possibly {@code null}
   * @param payload the received body bytes; never {@code null}
   * @param secret the webhook secret; never {@code null}
   * @return {@code true} when it matches
   */
  public static boolean verifyGithub(String header, byte[] payload, SharedSecretValue secret) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(secret, "secret");
    if (header == null || !header.startsWith("sha256=") || header.length() != 7 + 64) {
      return false;
    }
    byte[] received;
    try {
      received = HexFormat.of().parseHex(header.substring(7));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, payload), received);
  }

  private static byte[] signedPayload(long t, byte[] payload) {
    byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + payload.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(payload, 0, out, prefix.length, payload.length);
    return out;
  }

  private static byte[] hmac(SharedSecretValue secret, byte[] message) {
    return HmacSha256.mac(secret.reveal().getBytes(StandardCharsets.UTF_8), message);
  }

  @Override
  public String toString() {
    return "WebhookSignatures[tolerance=" + tolerance + "]";
  }
}
