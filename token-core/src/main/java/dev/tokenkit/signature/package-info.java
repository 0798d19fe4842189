/**
 * RFC 9421 HTTP Message Signatures with {@code hmac-sha256} and RFC 9530 {@code Content-Digest}: the verifier the
 * servlet filter uses for tokens that require signed requests, and the signer the client helper uses.
 */
package dev.tokenkit.signature;
