package dev.tokenkit.signature;

import java.time.Instant;

/**
 * Remembers the nonces of accepted signatures so that each is accepted only once within its acceptance window.
 * Must be thread-safe; an implementation may share its memory between nodes (e.g. through the store).
 */
@FunctionalInterface
public interface NonceGuard {
  /**
   * Claims a nonce.
   *
   * @param keyId the key the signature was made with
   * @param nonce the signature's nonce
   * @param rememberUntil until when the signature could still be accepted; the nonce may be forgotten afterwards
   * @return {@code true} when this is the first use; {@code false} for a replay
   */
  boolean firstUse(String keyId, String nonce, Instant rememberUntil);
}
