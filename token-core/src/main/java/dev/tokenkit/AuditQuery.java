package dev.tokenkit;

/**
 * Filters and paging for the audit trail, newest first.
 *
 * @param tokenId only this token's events, or {@code null}
 * @param cursor the cursor from the previous page, or {@code null}
 * @param limit page size, 1 to {@value TokenQuery#MAX_LIMIT}
 */
public record AuditQuery(String tokenId, String cursor, int limit) {
  /**
   * Validates the limit.
   *
   * @throws InvalidInputException when out of range
   */
  public AuditQuery {
    if (limit < 1 || limit > TokenQuery.MAX_LIMIT) {
      throw new InvalidInputException("limit", "limit " + limit + " must be between 1 and " + TokenQuery.MAX_LIMIT);
    }
  }

  /**
   * All events, first page, default size.
   *
   * @return the query
   */
  public static AuditQuery all() {
    return new AuditQuery(null, null, TokenQuery.DEFAULT_LIMIT);
  }

  /**
   * @param id the token id
   * @return a copy filtering by token
   */
  public AuditQuery withTokenId(String id) {
    return new AuditQuery(id, cursor, limit);
  }

  /**
   * @param c the cursor
   * @return a copy at that cursor
   */
  public AuditQuery withCursor(String c) {
    return new AuditQuery(tokenId, c, limit);
  }

  /**
   * @param l the page size
   * @return a copy with that size
   */
  public AuditQuery withLimit(int l) {
    return new AuditQuery(tokenId, cursor, l);
  }
}
