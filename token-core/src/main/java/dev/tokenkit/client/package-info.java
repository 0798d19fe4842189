/**
 * Client helper for integrations written in Java: signs {@code java.net.http.HttpRequest}s with a TokenKit token
 * and a shared secret (RFC 9421 {@code hmac-sha256} with an RFC 9530 content digest). Needs only the JDK and
 * token-core.
 */
package dev.tokenkit.client;
