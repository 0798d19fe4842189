package dev.tokenkit;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One thing a management caller may do to tokens. The read operations are {@link #LIST}, {@link #VIEW} and
 * {@link #AUDIT}; everything else changes tokens (write). A {@link ManagementScope} holds a set of them.
 *
 * <pre>{@code
 * ManagementScope auditor = ManagementScope.builder().operations(ManagementOperation.reads()).allOwners().build();
 * }</pre>
 */
public enum ManagementOperation {
  /** List tokens. */
  LIST(false),
  /** View one token. */
  VIEW(false),
  /** Read the audit trail. */
  AUDIT(false),
  /** Issue a token. */
  ISSUE(true),
  /** Edit name, description, role, access or allowed IP ranges. */
  EDIT(true),
  /** Rotate a token's secret. */
  ROTATE(true),
  /** Regenerate a token (new secret and expiry). */
  REGENERATE(true),
  /** Disable a token. */
  DISABLE(true),
  /** Enable a disabled token. */
  ENABLE(true),
  /** Revoke a token. */
  REVOKE(true),
  /** Revoke every token of an owner. */
  REVOKE_ALL(true),
  /** Delete a token. */
  DELETE(true);

  private final boolean write;

  ManagementOperation(boolean write) {
    this.write = write;
  }

  /**
   * Whether the operation changes tokens.
   *
   * @return {@code true} for write operations, {@code false} for list, view and audit
   */
  public boolean isWrite() {
    return write;
  }

  /**
   * The read operations: list, view and audit.
   *
   * @return a new mutable set
   */
  public static Set<ManagementOperation> reads() {
    return EnumSet.of(LIST, VIEW, AUDIT);
  }

  /**
   * The write operations: issue, edit, rotate, regenerate, disable, enable, revoke, revoke all and delete.
   *
   * @return a new mutable set
   */
  public static Set<ManagementOperation> writes() {
    return EnumSet.complementOf(EnumSet.of(LIST, VIEW, AUDIT));
  }

  /**
   * The lower-case words used in messages and JSON, e.g. {@code revoke all} for {@link #REVOKE_ALL} in messages
   * and {@code revoke-all} in JSON ({@link #code()}).
   *
   * @return e.g. {@code revoke-all}
   */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
