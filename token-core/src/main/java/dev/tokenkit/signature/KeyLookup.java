package dev.tokenkit.signature;

import java.util.List;

/**
 * Supplies the HMAC keys that may have produced a signature with a given {@code keyid}: the current secret first
 * and, during a rotation's overlap, the previous one. Must be thread-safe.
 */
@FunctionalInterface
public interface KeyLookup {
  /**
   * The candidate keys.
   *
   * @param keyId the {@code keyid} of the signature (already checked to be the required one)
   * @return the keys, current first; empty when the key does not exist; never {@code null}
   */
  List<byte[]> keys(String keyId);
}
