package dev.tokenkit;

import java.util.Objects;

/**
 * The result of issue, rotate or regenerate: the token's metadata and its full token string, which is never
 * available again. {@code toString()} never shows the secret. Immutable and thread-safe.
 */
public final class IssuedToken {
  private final Token token;
  private final TokenSecret secret;

  /**
   * Creates the result.
   *
   * @param token the metadata; never {@code null}
   * @param secret the full token string; never {@code null}
   */
  public IssuedToken(Token token, TokenSecret secret) {
    this.token = Objects.requireNonNull(token, "token");
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /**
   * The metadata.
   *
   * @return the token
   */
  public Token token() {
    return token;
  }

  /**
   * The full token string; show it to the user once and do not store or log it.
   *
   * @return the secret
   */
  public TokenSecret secret() {
    return secret;
  }

  @Override
  public String toString() {
    return "IssuedToken[" + token + ", secret=redacted]";
  }
}
