/** TokenKit benchmarks module. */
package dev.tokenkit.benchmarks;
