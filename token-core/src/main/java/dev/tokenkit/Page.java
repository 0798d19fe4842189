package dev.tokenkit;

import java.util.List;

/**
 * One page of a keyset-paged listing. Pass {@link #nextCursor()} back to get the next page.
 *
 * @param items the items of this page; never {@code null}
 * @param nextCursor the opaque cursor of the next page, or {@code null} when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String nextCursor) {
  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }
}
