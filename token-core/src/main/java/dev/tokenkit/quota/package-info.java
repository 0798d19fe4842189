/**
 * Usage quotas: a token may carry a number of remaining uses ({@link dev.tokenkit.quota.UsageQuota}), optionally
 * refilled to an amount every day or month ({@link dev.tokenkit.quota.RefillSchedule}). Stores decrement the count
 * atomically ({@link dev.tokenkit.spi.TokenStore#consumeUse}); the servlet filter answers 429 when it is exhausted.
 */
package dev.tokenkit.quota;
