/** TokenKit servlet module. */
package dev.tokenkit.servlet;
