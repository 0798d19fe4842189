/**
 * Service-provider interfaces: {@link dev.tokenkit.spi.TokenStore} (persistence),
 * {@link dev.tokenkit.spi.SecretHasher} (hashing at rest), {@link dev.tokenkit.spi.AuditListener} (audit
 * events) and {@link dev.tokenkit.spi.TokenChangeListener} (change feed for cache invalidation). Implementations
 * are registered explicitly on {@link dev.tokenkit.TokenService.Builder}; nothing is discovered from the
 * classpath.
 */
package dev.tokenkit.spi;
