/**
 * Fixtures shared by the benchmarks: fast token generation, instrumented stores that delegate to the real
 * {@link dev.tokenkit.memory.InMemoryTokenStore}, and service construction. Not deployed.
 */
package dev.tokenkit.benchmarks.support;
