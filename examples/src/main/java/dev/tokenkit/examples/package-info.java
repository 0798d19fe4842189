/** TokenKit examples module. */
package dev.tokenkit.examples;
