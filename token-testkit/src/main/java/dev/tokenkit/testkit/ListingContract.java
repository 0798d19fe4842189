package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.ids;
import static dev.tokenkit.testkit.StoreFixtures.newId;
import static dev.tokenkit.testkit.StoreFixtures.storedToken;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.InvalidInputException;
import dev.tokenkit.Page;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.StoredToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing: newest first, keyset paging, filters by owner, effective status and expiry. */
interface ListingContract extends ContractPart {

  // ------------------------------------------------------------------ list

  @Test
  default void listIsNewestFirstAndPagesVisitEveryTokenOnce() {
    List<String> inserted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      StoredToken s = token("alice", "t" + i, T0.plusSeconds(i / 2)); // pairs share a creation instant
      store().insert(s);
      inserted.add(s.id());
    }
    List<String> seen = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withLimit(2);
    Page<StoredToken> page;
    int pages = 0;
    do {
      page = store().list(q, T0);
      seen.addAll(ids(page));
      q = q.withCursor(page.nextCursor());
      pages++;
    } while (page.nextCursor() != null);

    assertThat(pages).isEqualTo(4);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(inserted).doesNotHaveDuplicates();
    List<StoredToken> all = store().list(TokenQuery.all(), T0).items();
    for (int i = 1; i < all.size(); i++) {
      Instant prev = all.get(i - 1).token().createdAt();
      Instant cur = all.get(i).token().createdAt();
      assertThat(prev).isAfterOrEqualTo(cur);
      if (prev.equals(cur)) {
        assertThat(all.get(i - 1).id()).isGreaterThan(all.get(i).id());
      }
    }
    assertThat(seen).isEqualTo(all.stream().map(StoredToken::id).toList());
  }

  @Test
  default void tiesAtOneInstantFollowJavaStringOrderOfIdsNotALocaleCollation() {
    String base = newId().substring(3);
    List<String> ids = new ArrayList<>();
    for (String variant : new String[] {"aZ9", "AZ9", "b00", "B00", "Zed", "zed"}) {
      String id = variant + base;
      store().insert(storedToken(id, "alice", "n" + variant, T0, null, TokenStatus.ACTIVE));
      ids.add(id);
    }
    ids.sort((x, y) -> y.compareTo(x));

    List<String> seen = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withLimit(4);
    Page<StoredToken> page;
    do {
      page = store().list(q, T0);
      seen.addAll(ids(page));
      q = q.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
    assertThat(seen).containsExactlyElementsOf(ids);
  }

  @Test
  default void pagingIsStableWhenNewerTokensArriveBetweenPages() {
    for (int i = 0; i < 4; i++) {
      store().insert(token("alice", "t" + i, T0.plusSeconds(i)));
    }
    Page<StoredToken> first = store().list(TokenQuery.all().withLimit(2), T0);
    store().insert(token("alice", "newer", T0.plusSeconds(100)));
    Page<StoredToken> second = store().list(TokenQuery.all().withLimit(2).withCursor(first.nextCursor()), T0);

    assertThat(second.items()).extracting(s -> s.token().name()).containsExactly("t1", "t0");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  default void listFiltersByOwner() {
    store().insert(token("alice", "a", T0));
    store().insert(token("bob", "b", T0));
    assertThat(store().list(TokenQuery.all().withOwner("bob"), T0).items())
        .extracting(s -> s.token().name()).containsExactly("b");
  }

  @Test
  default void listFiltersByEffectiveStatus() {
    Instant now = T0.plus(Duration.ofDays(10));
    store().insert(storedToken(newId(), "o", "active", T0, null, TokenStatus.ACTIVE));
    store().insert(storedToken(newId(), "o", "active-later", T0, now.plusSeconds(1), TokenStatus.ACTIVE));
    store().insert(storedToken(newId(), "o", "expired", T0, now, TokenStatus.ACTIVE));
    store().insert(storedToken(newId(), "o", "disabled", T0, null, TokenStatus.DISABLED));
    store().insert(storedToken(newId(), "o", "disabled-later", T0, now.plusSeconds(1), TokenStatus.DISABLED));
    store().insert(storedToken(newId(), "o", "disabled-expired", T0, now.minusSeconds(1), TokenStatus.DISABLED));
    store().insert(storedToken(newId(), "o", "revoked", T0, now.minusSeconds(1), TokenStatus.REVOKED));

    assertThat(names(TokenStatus.ACTIVE, now)).containsExactlyInAnyOrder("active", "active-later");
    assertThat(names(TokenStatus.EXPIRED, now)).containsExactlyInAnyOrder("expired", "disabled-expired");
    assertThat(names(TokenStatus.DISABLED, now)).containsExactlyInAnyOrder("disabled", "disabled-later");
    assertThat(names(TokenStatus.REVOKED, now)).containsExactlyInAnyOrder("revoked");
  }

  private List<String> names(TokenStatus status, Instant now) {
    return store().list(TokenQuery.all().withStatus(status), now).items().stream().map(s -> s.token().name()).toList();
  }

  @Test
  default void listFiltersByExpiringBefore() {
    store().insert(storedToken(newId(), "o", "soon", T0, T0.plus(Duration.ofDays(3)), TokenStatus.ACTIVE));
    store().insert(storedToken(newId(), "o", "later", T0, T0.plus(Duration.ofDays(30)), TokenStatus.ACTIVE));
    store().insert(storedToken(newId(), "o", "never", T0, null, TokenStatus.ACTIVE));
    store().insert(storedToken(newId(), "o", "exactly", T0, T0.plus(Duration.ofDays(7)), TokenStatus.ACTIVE));

    assertThat(store().list(TokenQuery.all().withExpiringBefore(T0.plus(Duration.ofDays(7))), T0).items())
        .as("strictly before the bound").extracting(s -> s.token().name()).containsExactly("soon");
  }

  @Test
  default void aForeignCursorIsInvalidInput() {
    assertThatThrownBy(() -> store().list(TokenQuery.all().withCursor("not-a-cursor!"), T0))
        .isInstanceOf(InvalidInputException.class);
  }
}
