package dev.tokenkit.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest successful use of a token, as flushed by the write-behind recorder.
 *
 * @param tokenId the token id
 * @param at when
 * @param ip the client IP, or {@code null}
 */
public record LastUse(String tokenId, Instant at, String ip) {
  /** Validates the components. */
  public LastUse {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(at, "at");
  }
}
