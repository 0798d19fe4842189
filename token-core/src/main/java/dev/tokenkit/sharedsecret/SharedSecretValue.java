package dev.tokenkit.sharedsecret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A shared secret's value: the HMAC key of signed requests and webhooks (its UTF-8 bytes). TokenKit's own values
 * are {@code tkss_} followed by 43 base62 characters (256 bits); {@link #of(String)} also wraps third-party
 * secrets such as a GitHub webhook secret.
 *
 * <p>{@code toString()} is redacted; the only way to the value is {@link #reveal()}. Equality is identity; use
 * {@link #equalsSecret(SharedSecretValue)} for a constant-time comparison. Immutable and thread-safe.
 *
 * <pre>{@code
 * SharedSecretValue secret = SharedSecretValue.of(System.getenv("TOKENKIT_SHARED_SECRET"));
 * }</pre>
 */
public final class SharedSecretValue {
  private final String value;

  private SharedSecretValue(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the value; never {@code null} or empty
   * @return the secret
   * @throws IllegalArgumentException when empty
   */
  public static SharedSecretValue of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("a shared secret value must not be empty");
    }
    return new SharedSecretValue(value);
  }

  /**
   * The value. Do not log it.
   *
   * @return the value
   */
  public String reveal() {
    return value;
  }

  /**
   * Constant-time comparison of two values.
   *
   * @param other another value; may be {@code null}
   * @return {@code true} when both hold the same value
   */
  public boolean equalsSecret(SharedSecretValue other) {
    return other != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
        other.value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Always {@code SharedSecretValue[redacted]}.
   *
   * @return a redacted text
   */
  @Override
  public String toString() {
    return "SharedSecretValue[redacted]";
  }
}
