package dev.tokenkit;

/**
 * Another call changed the token between this call's read and write (optimistic concurrency); nothing was
 * changed by this call. Re-read the token and retry if the change still makes sense.
 */
public final class ConcurrentUpdateException extends TokenKitException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param id the token id
   * @param expectedVersion the version this call read
   */
  public ConcurrentUpdateException(String id, long expectedVersion) {
    super("Token '" + id + "' was changed concurrently (expected version " + expectedVersion
        + "); nothing was changed, re-read the token and retry");
  }
}
