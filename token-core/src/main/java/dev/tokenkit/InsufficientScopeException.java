package dev.tokenkit;

/**
 * A management call exceeds the caller's {@link ManagementScope}: an operation it may not perform, an owner out of
 * its reach, access or a role beyond what it may grant. Nothing was changed; the refusal is audited
 * ({@link AuditEventType#MANAGEMENT_DENIED}). The management API answers 403 {@code insufficient_scope}.
 *
 * <pre>{@code
 * try { tokens.issue(actor, request); }
 * catch (InsufficientScopeException e) { show(e.missing()); } // e.g. "access FULL to 'orders' (may grant READ)"
 * }</pre>
 */
public final class InsufficientScopeException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  private final String missing;

  /**
   * Creates the exception.
   *
   * @param missing what the caller lacks, e.g. {@code operation revoke-all}; never a secret
   */
  public InsufficientScopeException(String missing) {
    super("Insufficient management scope: missing " + missing
        + "; ask an administrator for a wider scope or stay within your own (see GET /api/me)");
    this.missing = missing;
  }

  /**
   * What the caller lacks.
   *
   * @return the missing right in words
   */
  public String missing() {
    return missing;
  }
}
