package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.HASH;
import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.next;
import static dev.tokenkit.testkit.StoreFixtures.newId;
import static dev.tokenkit.testkit.StoreFixtures.storedToken;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.Token;
import dev.tokenkit.TokenNotFoundException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TokenStore} must pass: every operation and error, keyset paging, last-use and audit
 * storage, and concurrency (parallel updates of one version have exactly one winner, parallel rotations through a
 * {@link dev.tokenkit.TokenService} never fork, and once revoke returns no verification succeeds). Extend it in
 * your test sources and implement {@link #newStore()}; JUnit Jupiter runs every inherited case.
 *
 * <p>Ships in {@code dev.tokenkit:token-testkit} (a normal jar: add it with {@code <scope>test</scope>}). It
 * brings JUnit Jupiter's API and AssertJ, and no logging configuration or JUnit extension of its own. Each test
 * gets a fresh store from {@link #newStore()} and closes it afterwards; instances are not shared between threads
 * except inside the concurrency cases.
 *
 * <pre>{@code
 * class MyStoreContractTest extends TokenStoreContract {
 *   @Override protected TokenStore newStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 */
public abstract class TokenStoreContract
    implements ListingContract, LastUseAndAuditContract, ConcurrencyContract, ChangeWithAuditContract,
    CanaryAndApiUseContract {
  /** The store under test, fresh for each test (also returned by {@link #store()}). */
  protected TokenStore store;

  /** For subclasses. */
  protected TokenStoreContract() {}

  /**
   * A new, empty store; called before each test.
   *
   * @return the store
   */
  protected abstract TokenStore newStore();

  /**
   * The store under test, fresh for each test.
   *
   * @return the store; {@code null} outside a test
   */
  @Override
  public final TokenStore store() {
    return store;
  }

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ------------------------------------------------------------------ insert / find

  @Test
  void insertedTokenIsFoundByIdWithEveryField() {
    StoredToken s = storedToken(newId(), "alice", "ci", T0, T0.plus(Duration.ofDays(90)), TokenStatus.ACTIVE);
    store.insert(s);

    StoredToken found = store.findById(s.id()).orElseThrow();
    assertThat(found.token()).isEqualTo(s.token());
    assertThat(found.secretHash()).isEqualTo(HASH);
    assertThat(found.previousSecretHash()).isNull();
    assertThat(found.previousSecretValidUntil()).isNull();
  }

  @Test
  void insertKeepsThePreviousHashAndItsGraceEnd() {
    StoredToken s = storedToken(newId(), "alice", "ci", T0, null, TokenStatus.ACTIVE);
    store.insert(new StoredToken(s.token(), "$sha256$new", HASH, T0.plusSeconds(60)));

    StoredToken found = store.findById(s.id()).orElseThrow();
    assertThat(found.token()).isEqualTo(s.token());
    assertThat(found.secretHash()).isEqualTo("$sha256$new");
    assertThat(found.previousSecretHash()).isEqualTo(HASH);
    assertThat(found.previousSecretValidUntil()).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void nullableFieldsRoundTrip() {
    Token t = new Token(newId(), "acme_live", "bare", null, "bob", null, AccessGrants.none(), TokenStatus.ACTIVE,
        T0, T0, null, List.of(), null, null, 0);
    store.insert(new StoredToken(t, HASH, null, null));

    assertThat(store.findById(t.id()).orElseThrow().token()).isEqualTo(t);
  }

  @Test
  void unknownIdIsNotFound() {
    assertThat(store.findById("doesnotexist0000")).isEmpty();
  }

  @Test
  void sameNameForSameOwnerIsRejectedButAllowedForAnotherOwner() {
    store.insert(token("alice", "ci", T0));
    StoredToken duplicate = token("alice", "ci", T0.plusSeconds(1));

    assertThatThrownBy(() -> store.insert(duplicate))
        .isInstanceOf(DuplicateTokenException.class)
        .hasMessageContaining("already exists").hasMessageContaining("alice").hasMessageContaining("ci");
    assertThat(store.findById(duplicate.id())).as("the refused token is not stored").isEmpty();
    store.insert(token("bob", "ci", T0.plusSeconds(2)));
    assertThat(store.list(TokenQuery.all(), T0).items()).hasSize(2);
  }

  // ------------------------------------------------------------------ update

  @Test
  void updateWithTheReadVersionSucceedsAndBumpsTheVersion() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);

    StoredToken renamed = next(s, "deploy", TokenStatus.DISABLED);
    store.update(renamed, 0);

    StoredToken found = store.findById(s.id()).orElseThrow();
    assertThat(found.version()).isEqualTo(1);
    assertThat(found.token().name()).isEqualTo("deploy");
    assertThat(found.token().status()).isEqualTo(TokenStatus.DISABLED);
  }

  @Test
  void updateReplacesEveryManagedFieldIncludingGrantsAndRanges() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);
    Token t = s.token();
    Token changed = new Token(t.id(), t.prefix(), "renamed", null, t.owner(), null, AccessGrants.none(),
        TokenStatus.DISABLED, t.createdAt(), T0.plusSeconds(1), T0.plusSeconds(3600), List.of(), null, null, 1);

    store.update(s.withToken(changed), 0);

    StoredToken found = store.findById(s.id()).orElseThrow();
    assertThat(found.token()).isEqualTo(changed);
    assertThat(found.token().access().isEmpty()).isTrue();
    assertThat(found.token().allowedIps()).isEmpty();
  }

  @Test
  void updateWithAStaleVersionIsAConflictAndChangesNothing() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);
    store.update(next(s, "v1", TokenStatus.ACTIVE), 0);

    assertThatThrownBy(() -> store.update(next(s, "stale", TokenStatus.REVOKED), 0))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findById(s.id()).orElseThrow().token().name()).isEqualTo("v1");
  }

  @Test
  void updateOfAnUnknownTokenIsNotFound() {
    StoredToken s = token("alice", "ci", T0);
    assertThatThrownBy(() -> store.update(next(s, "x", TokenStatus.ACTIVE), 0))
        .isInstanceOf(TokenNotFoundException.class);
  }

  @Test
  void renameOntoAnotherTokenOfTheOwnerIsADuplicate() {
    StoredToken a = token("alice", "a", T0);
    StoredToken b = token("alice", "b", T0.plusSeconds(1));
    store.insert(a);
    store.insert(b);

    assertThatThrownBy(() -> store.update(next(b, "a", TokenStatus.ACTIVE), 0))
        .isInstanceOf(DuplicateTokenException.class);
    assertThat(store.findById(b.id()).orElseThrow().token().name()).isEqualTo("b");
    assertThat(store.findById(b.id()).orElseThrow().version()).isZero();
  }

  @Test
  void updateStoresRotationHashesAndGraceEnd() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);
    Instant graceEnd = T0.plus(Duration.ofHours(1));
    StoredToken rotated = new StoredToken(next(s, "ci", TokenStatus.ACTIVE).token(), "$sha256$new", HASH, graceEnd);

    store.update(rotated, 0);

    StoredToken found = store.findById(s.id()).orElseThrow();
    assertThat(found.secretHash()).isEqualTo("$sha256$new");
    assertThat(found.previousSecretHash()).isEqualTo(HASH);
    assertThat(found.previousSecretValidUntil()).isEqualTo(graceEnd);
  }

  @Test
  void updateDoesNotOverwriteLastUse() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);
    store.recordLastUse(List.of(new LastUse(s.id(), T0.plusSeconds(30), "10.1.2.3")));

    store.update(next(s, "renamed", TokenStatus.ACTIVE), 0);

    Token t = store.findById(s.id()).orElseThrow().token();
    assertThat(t.lastUsedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(t.lastUsedIp()).isEqualTo("10.1.2.3");
  }

  // ------------------------------------------------------------------ delete

  @Test
  void deleteRemovesTheTokenAndReportsWhetherItExisted() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);

    assertThat(store.delete(s.id())).isTrue();
    assertThat(store.findById(s.id())).isEmpty();
    assertThat(store.delete(s.id())).isFalse();
    store.insert(token("alice", "ci", T0)); // the name is free again
  }
}
