package dev.tokenkit.jdbi;

import java.time.Duration;

/**
 * A point-in-time view of a {@link JdbiTokenStore}'s change feed, for gauges and health checks. Immutable.
 *
 * @param listening whether the PostgreSQL LISTEN connection is up (always {@code false} where it is not used)
 * @param reconnects how often the LISTEN connection was re-established after a loss
 * @param lastLag how long the most recently received change took from its commit to this node, or {@code null}
 *     when none arrived yet
 */
public record ChangeFeedStatistics(boolean listening, long reconnects, Duration lastLag) {}
