/**
 * A runnable host application: two sample APIs protected by the TokenKit filter, the management API and admin
 * console at {@code /admin}, and API documentation. Start it with {@code java -jar examples/target/tokenkit-example.jar}.
 */
package dev.tokenkit.examples;
