package dev.tokenkit;

/** What {@link TokenService#reportLeak} does to a live token reported as leaked. */
public enum LeakAction {
  /** Revoke it (terminal; the default): a leaked secret is public and compromised. */
  REVOKE,
  /** Disable it (reversible), for hosts that want a person to decide; the leaked secret keeps failing meanwhile. */
  DISABLE
}
