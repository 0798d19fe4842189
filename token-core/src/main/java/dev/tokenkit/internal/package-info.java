/**
 * Implementation details of token-core: token codec, hashers, verification cache, write-behind last-use
 * recorder, failure throttle. Not API: these types may change in any release.
 */
package dev.tokenkit.internal;
