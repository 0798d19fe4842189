/**
 * Implementation of shared secrets: the management component behind {@link dev.tokenkit.sharedsecret.SharedSecrets}
 * and the cache of decrypted verification keys. Not API: these types may change in any release.
 */
package dev.tokenkit.internal.sharedsecret;
