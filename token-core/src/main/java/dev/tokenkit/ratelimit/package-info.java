/**
 * Rate limits per token and per owner: {@link dev.tokenkit.ratelimit.RateLimit} (e.g. 100 requests per minute),
 * {@link dev.tokenkit.ratelimit.RateLimits} (which limits apply to a verified token),
 * {@link dev.tokenkit.ratelimit.InMemoryRateLimiter} (one node) and the {@link dev.tokenkit.spi.RateLimiter} SPI
 * for shared engines. The servlet filter answers 429 with {@code Retry-After}, {@code RateLimit-Policy} and
 * {@code RateLimit} headers when a limit is exceeded.
 */
package dev.tokenkit.ratelimit;
