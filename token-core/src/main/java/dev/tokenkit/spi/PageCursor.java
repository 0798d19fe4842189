package dev.tokenkit.spi;

import dev.tokenkit.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The keyset position behind an opaque page cursor: the (instant, id) of the last item of a page, ordered newest
 * first. Stores use it for keyset paging; callers only see {@link #encode()}'s text.
 *
 * @param at the last item's creation (or event) instant
 * @param id the last item's id (tie-breaker)
 */
public record PageCursor(Instant at, String id) {
  /** Validates the components. */
  public PageCursor {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(id, "id");
  }

  /**
   * The opaque text form.
   *
   * @return URL-safe text
   */
  public String encode() {
    String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Decodes a cursor from {@link #encode()}.
   *
   * @param cursor the text, or {@code null}
   * @return the position, or {@code null} when {@code cursor} is {@code null}
   * @throws InvalidInputException when the text is not a cursor this library produced
   */
  public static PageCursor decode(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split("\\.", 3);
      return new PageCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
    } catch (RuntimeException e) {
      throw new InvalidInputException("cursor", "not a valid cursor; pass back the nextCursor of the previous page");
    }
  }

  /**
   * Whether an item at (at, id) comes after this position in newest-first order.
   *
   * @param itemAt the item's instant
   * @param itemId the item's id
   * @return {@code true} if the item belongs on a later page
   */
  public boolean isBefore(Instant itemAt, String itemId) {
    int c = itemAt.compareTo(at);
    return c < 0 || (c == 0 && itemId.compareTo(id) < 0);
  }
}
