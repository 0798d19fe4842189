package dev.tokenkit.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest successful use of one API by one token, as the write-behind recorder flushes it and as
 * {@link TokenStore#apiUses} returns it (the unused-access report).
 *
 * @param tokenId the token id; never {@code null}
 * @param api the API name the request was routed to; never {@code null}
 * @param at when; never {@code null}
 */
public record ApiUse(String tokenId, String api, Instant at) {
  /** Validates the components. */
  public ApiUse {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(at, "at");
  }
}
