/**
 * Internal: shared by the authentication filter ({@code dev.tokenkit.servlet}) and the management API
 * ({@code dev.tokenkit.servlet.admin}) so that both read credentials, resolve client addresses and type their
 * problem bodies by the same rules. Not an API: these types may change in any release; host code configures them
 * through {@link dev.tokenkit.servlet.TokenAuthFilter.Builder}.
 */
package dev.tokenkit.servlet.internal;
