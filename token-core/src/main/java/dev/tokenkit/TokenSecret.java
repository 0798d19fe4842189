package dev.tokenkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The full token string, shown exactly once at issue, rotate or regenerate time.
 *
 * <p>Its {@code toString()} is redacted, so it is safe to log by accident; the only way to the value is
 * {@link #reveal()}. Equality is identity; use {@link #equalsSecret(TokenSecret)} for a constant-time comparison.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * IssuedToken issued = service.issue(actor, request);
 * String forTheClient = issued.secret().reveal();
 * }</pre>
 */
public final class TokenSecret {
  private final String value;

  private TokenSecret(String value) {
    this.value = value;
  }

  /**
   * Wraps a full token string.
   *
   * @param value the full token; never {@code null}
   * @return the secret
   */
  public static TokenSecret of(String value) {
    return new TokenSecret(Objects.requireNonNull(value, "value"));
  }

  /**
   * The full token string, to hand to the client once. Do not log it.
   *
   * @return the full token
   */
  public String reveal() {
    return value;
  }

  /**
   * Constant-time comparison of two secrets.
   *
   * @param other another secret; may be {@code null}
   * @return {@code true} when both hold the same token
   */
  public boolean equalsSecret(TokenSecret other) {
    return other != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
        other.value.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Always {@code TokenSecret[redacted]}.
   *
   * @return a redacted text
   */
  @Override
  public String toString() {
    return "TokenSecret[redacted]";
  }
}
