package dev.tokenkit;

/**
 * A point-in-time view of a {@link TokenService}'s internal state, for gauges and health checks. Immutable.
 *
 * @param cacheSize the approximate number of verified tokens in the cache
 * @param pendingLastUses how many tokens have a last use not yet written to the store
 */
public record TokenServiceStatistics(long cacheSize, int pendingLastUses) {}
