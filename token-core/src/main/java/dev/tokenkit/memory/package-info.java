/** The in-memory {@link dev.tokenkit.spi.TokenStore}, for tests of host applications and single-node demos. */
package dev.tokenkit.memory;
