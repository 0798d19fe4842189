/** TokenKit jdbi module. */
package dev.tokenkit.jdbi;
