package dev.tokenkit;

import java.time.Instant;

/**
 * One grant of a token that was not used within the report's period, or never. Immutable and thread-safe.
 *
 * @param api the API name, or {@code *} for the grant that covers every API not named otherwise
 * @param level the granted level (READ or FULL)
 * @param lastUsedAt the last use of that API (for {@code *}: of any API it covers), or {@code null} for never
 * @param fromRole {@code true} when the grant comes from the token's role, not from its own grants
 */
public record UnusedGrant(String api, AccessLevel level, Instant lastUsedAt, boolean fromRole) {}
