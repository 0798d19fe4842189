/**
 * Webhook signatures keyed with a shared secret: Stripe style ({@code t=...,v1=...}) with a tolerance and several
 * {@code v1} values during rotation, and GitHub's plain {@code sha256=...} form.
 */
package dev.tokenkit.webhook;
