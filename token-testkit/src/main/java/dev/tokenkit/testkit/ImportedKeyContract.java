package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import org.junit.jupiter.api.Test;

/**
 * The imported-key part of the contract ({@link TokenStore#insertImported}, {@link TokenStore#findImported},
 * {@link TokenStore#importedLookups}), for stores that import keys: opt in next to {@link TokenStoreContract}.
 */
public interface ImportedKeyContract {

  /**
   * The store under test, fresh for each test ({@link TokenStoreContract#store()}).
   *
   * @return the store
   */
  TokenStore store();

  /** An imported key is stored with its index entry, found by it, listed, and freed when the token is deleted. */
  @Test
  default void importedKeysAreIndexedAndTheIndexFollowsDeletion() {
    StoredToken s = token("alice", "legacy", T0);
    String lookup = "d:" + s.id() + "-digest";
    store().insertImported(s, lookup, null);
    assertThat(store().findById(s.id())).isPresent();
    assertThat(store().findImported(lookup)).contains(s.id());
    assertThat(store().importedLookups()).containsEntry(lookup, s.id());
    assertThat(store().findImported("p:nothing-here")).isEmpty();

    StoredToken again = token("bob", "legacy", T0);
    assertThatThrownBy(() -> store().insertImported(again, lookup, null)).isInstanceOf(IllegalStateException.class);
    assertThat(store().findById(again.id())).isEmpty(); // nothing of the refused import is kept

    assertThat(store().delete(s.id())).isTrue();
    assertThat(store().findImported(lookup)).isEmpty();
    assertThat(store().importedLookups()).doesNotContainKey(lookup);
    store().insertImported(again, lookup, null); // the key may be imported again
    assertThat(store().findImported(lookup)).contains(again.id());
  }
}
