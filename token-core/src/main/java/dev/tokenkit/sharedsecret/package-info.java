/**
 * Shared secrets (seed 001's "API shared secret"): named, retrievable integration secrets, stored encrypted under
 * a host {@link dev.tokenkit.sharedsecret.KeyRing}, that sign requests and webhooks.
 */
package dev.tokenkit.sharedsecret;
