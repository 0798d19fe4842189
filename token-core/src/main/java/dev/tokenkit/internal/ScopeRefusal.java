package dev.tokenkit.internal;

import dev.tokenkit.Actor;

/**
 * Refuses a management call that exceeds the caller's scope: audits it ({@code MANAGEMENT_DENIED}, de-duplicated
 * per caller, id and reason) and throws {@link dev.tokenkit.InsufficientScopeException}. The service's scope guard
 * implements it, so every refusal, whichever feature makes it, goes through one path. Thread-safe.
 */
@FunctionalInterface
public interface ScopeRefusal {
  /**
   * Audits and throws; never returns normally.
   *
   * @param actor the caller
   * @param id the token or shared secret concerned, or {@code -}
   * @param missing what the caller lacks, in words; never a secret
   */
  void refuse(Actor actor, String id, String missing);
}
