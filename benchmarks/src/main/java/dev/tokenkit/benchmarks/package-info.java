/**
 * JMH benchmarks of TokenKit's verification path, measured in one harness against the physical floor (SHA-256
 * plus one Caffeine lookup) and the JWT libraries a user would pick instead (nimbus-jose-jwt, jjwt). Not deployed.
 *
 * <p>Run {@code java -jar benchmarks/target/benchmarks.jar -rf json -f 1 -wi 3 -i 5}; see {@code BENCHMARKS.md}.
 */
package dev.tokenkit.benchmarks;
