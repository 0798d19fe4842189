package dev.tokenkit;

/**
 * A point-in-time view of a {@link TokenService}'s internal counters, for metrics and health checks. Counts are
 * totals since the service was built. Immutable.
 *
 * @param cacheSize the approximate number of verified tokens in the cache
 * @param cacheHits lookups of well-formed tokens served from the verification cache
 * @param cacheMisses lookups that had to read the store (or the negative cache)
 * @param pendingLastUses how many tokens have a last use not yet written to the store
 * @param lastUseFlushes last-use flushes that wrote at least one use, failed ones included
 * @param lastUseFlushFailures flushes whose store write failed (their uses stay pending)
 * @param lastUseFlushNanos total time spent in those flushes, in nanoseconds
 */
public record TokenServiceStatistics(long cacheSize, long cacheHits, long cacheMisses, int pendingLastUses,
    long lastUseFlushes, long lastUseFlushFailures, long lastUseFlushNanos) {}
