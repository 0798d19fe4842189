package dev.tokenkit;

import java.time.Instant;

/**
 * Filters and paging for listing tokens. Newest first; stable under concurrent inserts (keyset paging).
 *
 * <pre>{@code
 * Page<Token> page = service.list(TokenQuery.all().withOwner("alice").withLimit(20));
 * Page<Token> next = service.list(TokenQuery.all().withOwner("alice").withLimit(20).withCursor(page.nextCursor()));
 * }</pre>
 *
 * @param owner only this owner's tokens (NFC-normalised, as stored owners are), or {@code null}
 * @param status only this effective status, or {@code null}
 * @param expiringBefore only tokens with an expiry before this instant (years 1970 to 9999), or {@code null}
 * @param cursor the cursor from the previous page, or {@code null} for the first page
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 */
public record TokenQuery(String owner, TokenStatus status, Instant expiringBefore, String cursor, int limit) {
  /** The default page size. */
  public static final int DEFAULT_LIMIT = 50;
  /** The largest page size. */
  public static final int MAX_LIMIT = 500;

  /**
   * Validates the limit and the instant, and NFC-normalises the owner.
   *
   * @throws InvalidInputException when the limit is out of range or {@code expiringBefore} lies outside years
   *     1970 to 9999
   */
  public TokenQuery {
    owner = TextRules.nfc(owner);
    InstantRange.require("expiringBefore", "expiringBefore", expiringBefore);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "limit " + limit + " must be between 1 and " + MAX_LIMIT);
    }
  }

  /**
   * Every token, first page, default size.
   *
   * @return the query
   */
  public static TokenQuery all() {
    return new TokenQuery(null, null, null, null, DEFAULT_LIMIT);
  }

  /**
   * @param o the owner
   * @return a copy filtering by owner
   */
  public TokenQuery withOwner(String o) {
    return new TokenQuery(o, status, expiringBefore, cursor, limit);
  }

  /**
   * @param s the status
   * @return a copy filtering by status
   */
  public TokenQuery withStatus(TokenStatus s) {
    return new TokenQuery(owner, s, expiringBefore, cursor, limit);
  }

  /**
   * @param before the instant
   * @return a copy filtering by expiry
   */
  public TokenQuery withExpiringBefore(Instant before) {
    return new TokenQuery(owner, status, before, cursor, limit);
  }

  /**
   * @param c the cursor
   * @return a copy at that cursor
   */
  public TokenQuery withCursor(String c) {
    return new TokenQuery(owner, status, expiringBefore, c, limit);
  }

  /**
   * @param l the page size
   * @return a copy with that size
   */
  public TokenQuery withLimit(int l) {
    return new TokenQuery(owner, status, expiringBefore, cursor, l);
  }
}
