/**
 * Request authentication for host applications: {@link dev.tokenkit.servlet.TokenAuthFilter} (Jakarta Servlet 6),
 * its {@link dev.tokenkit.servlet.RouteRules}, and {@link dev.tokenkit.servlet.TokenAuth} for handlers.
 */
package dev.tokenkit.servlet;
