package dev.tokenkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.Token;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.sharedsecret.DuplicateSharedSecretException;
import dev.tokenkit.sharedsecret.SharedSecret;
import dev.tokenkit.sharedsecret.SharedSecretNotFoundException;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredSharedSecret;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SharedSecretStore} must pass (reached through {@link TokenStore#sharedSecrets()}):
 * insert, find, list, compare-and-set update, delete, unique names, change announcements and nonce claims.
 * Extend it and implement {@link #newStore()}.
 *
 * <pre>{@code
 * class MyStoreSharedSecretContractTest extends SharedSecretStoreContract {
 *   @Override protected TokenStore newStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 */
public abstract class SharedSecretStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String CIPHER = "$aes-256-gcm$k1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  private static final String CIPHER2 = "$aes-256-gcm$k2$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
  private static final AtomicInteger IDS = new AtomicInteger();

  /** The token store under test, fresh for each test. */
  protected TokenStore tokenStore;
  /** Its shared-secret store. */
  protected SharedSecretStore store;

  /**
   * A new, empty token store that keeps shared secrets; called before each test.
   *
   * @return the store
   */
  protected abstract TokenStore newStore();

  /**
   * Makes changes from other nodes visible now (e.g. polls a change feed); the default does nothing.
   */
  protected void pollChanges() {}

  @BeforeEach
  void createStore() {
    tokenStore = newStore();
    store = tokenStore.sharedSecrets().orElseThrow(() -> new AssertionError(
        "TokenStore.sharedSecrets() is empty: this store does not keep shared secrets"));
  }

  @AfterEach
  void closeStore() {
    tokenStore.close();
  }

  /** An id like the service's: ss_ + 16 characters, unique within the JVM run. */
  protected static String newId() {
    return String.format("ss_ct%011d", IDS.incrementAndGet());
  }

  private static StoredSharedSecret secret(String id, String name, Instant createdAt) {
    return new StoredSharedSecret(new SharedSecret(id, name, createdAt, createdAt, null, 0), CIPHER, null);
  }

  @Test
  void insertedSecretIsFoundByIdWithEveryField() {
    StoredSharedSecret s = secret(newId(), "billing", T0);
    store.insertSharedSecret(s);
    assertThat(store.findSharedSecret(s.id())).contains(s);
  }

  @Test
  void unknownIdIsEmpty() {
    assertThat(store.findSharedSecret("ss_doesnotexist00")).isEmpty();
  }

  @Test
  void duplicateNameIsRejected() {
    store.insertSharedSecret(secret(newId(), "billing", T0));
    assertThatThrownBy(() -> store.insertSharedSecret(secret(newId(), "billing", T0.plusSeconds(1))))
        .isInstanceOf(DuplicateSharedSecretException.class).hasMessageContaining("billing");
    assertThat(store.listSharedSecrets()).hasSize(1);
  }

  @Test
  void listIsNewestFirstThenIdDescending() {
    String a = newId();
    String b = newId();
    String c = newId();
    store.insertSharedSecret(secret(a, "a", T0));
    store.insertSharedSecret(secret(b, "b", T0.plusSeconds(5)));
    store.insertSharedSecret(secret(c, "c", T0.plusSeconds(5)));
    assertThat(store.listSharedSecrets()).extracting(StoredSharedSecret::id).containsExactly(c, b, a);
  }

  @Test
  void updateReplacesTheRowWhenTheVersionMatches() {
    StoredSharedSecret s = secret(newId(), "billing", T0);
    store.insertSharedSecret(s);
    Instant later = T0.plusSeconds(60);
    StoredSharedSecret next = new StoredSharedSecret(s.sharedSecret().rotated(later, later.plusSeconds(3600)),
        CIPHER2, CIPHER);
    store.updateSharedSecret(next, 0);
    StoredSharedSecret read = store.findSharedSecret(s.id()).orElseThrow();
    assertThat(read).isEqualTo(next);
    assertThat(read.version()).isEqualTo(1);
    assertThat(read.sharedSecret().previousValidUntil()).isEqualTo(later.plusSeconds(3600));
  }

  @Test
  void staleVersionIsAConcurrentUpdate() {
    StoredSharedSecret s = secret(newId(), "billing", T0);
    store.insertSharedSecret(s);
    store.updateSharedSecret(new StoredSharedSecret(s.sharedSecret().nextVersion(), CIPHER2, null), 0);
    assertThatThrownBy(() -> store.updateSharedSecret(
        new StoredSharedSecret(s.sharedSecret().nextVersion(), CIPHER, null), 0))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findSharedSecret(s.id()).orElseThrow().ciphertext()).isEqualTo(CIPHER2);
  }

  @Test
  void updatingAMissingSecretIsNotFound() {
    StoredSharedSecret s = secret(newId(), "ghost", T0);
    assertThatThrownBy(() -> store.updateSharedSecret(
        new StoredSharedSecret(s.sharedSecret().nextVersion(), CIPHER, null), 0))
        .isInstanceOf(SharedSecretNotFoundException.class);
  }

  @Test
  void deleteRemovesAndReportsWhetherItExisted() {
    StoredSharedSecret s = secret(newId(), "billing", T0);
    store.insertSharedSecret(s);
    assertThat(store.deleteSharedSecret(s.id())).isTrue();
    assertThat(store.deleteSharedSecret(s.id())).isFalse();
    assertThat(store.findSharedSecret(s.id())).isEmpty();
    store.insertSharedSecret(secret(newId(), "billing", T0)); // the name is free again
  }

  @Test
  void changesAreAnnouncedWithTheSharedSecretId() throws Exception {
    List<String> changed = new CopyOnWriteArrayList<>();
    try (AutoCloseable sub = tokenStore.subscribe(new TokenChangeListener() {
      @Override
      public void tokenChanged(String tokenId) {
        changed.add(tokenId);
      }
    })) {
      StoredSharedSecret s = secret(newId(), "billing", T0);
      store.insertSharedSecret(s);
      store.updateSharedSecret(new StoredSharedSecret(s.sharedSecret().nextVersion(), CIPHER2, null), 0);
      store.deleteSharedSecret(s.id());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!changed.contains(s.id()) && System.nanoTime() < deadline) {
        pollChanges();
        Thread.sleep(20);
      }
      assertThat(changed).contains(s.id());
    }
  }

  @Test
  void aNonceIsClaimedOnceUntilItsWindowCloses() {
    Instant until = T0.plusSeconds(300);
    assertThat(store.claimNonce("ss_a", "n-1", until, T0)).isTrue();
    assertThat(store.claimNonce("ss_a", "n-1", until, T0.plusSeconds(10))).isFalse();
    assertThat(store.claimNonce("ss_b", "n-1", until, T0)).as("another key").isTrue();
    assertThat(store.claimNonce("ss_a", "n-2", until, T0)).as("another nonce").isTrue();
    assertThat(store.claimNonce("ss_a", "n-1", T0.plusSeconds(900), T0.plusSeconds(301))).as("after the window")
        .isTrue();
    assertThat(store.claimNonce("ss_a", "n-1", T0.plusSeconds(900), T0.plusSeconds(302))).isFalse();
  }

  @Test
  void concurrentClaimsOfOneNonceHaveExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> store.claimNonce("ss_race", "same", T0.plusSeconds(300), T0));
      }
      int winners = 0;
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        winners += f.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTokensSignatureSecretIdRoundTripsThroughInsertUpdateAndList() {
    String id = String.format("sstok%011d", IDS.incrementAndGet());
    Token t = new Token(id, "tk", "signed-" + id, null, "alice", null, AccessGrants.none(), TokenStatus.ACTIVE, T0, T0,
        null, List.of(), null, null, 0, "ss_required000001");
    tokenStore.insert(new StoredToken(t, "$sha256$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", null, null));
    assertThat(tokenStore.findById(id).orElseThrow().token().signatureSecretId()).isEqualTo("ss_required000001");
    assertThat(tokenStore.list(TokenQuery.all().withOwner("alice"), T0).items()).extracting(s -> s.token().signatureSecretId())
        .contains("ss_required000001");
    StoredToken read = tokenStore.findById(id).orElseThrow();
    tokenStore.update(read.withToken(read.token().withSignatureSecretId(null).nextVersion(T0.plusSeconds(1))), 0);
    assertThat(tokenStore.findById(id).orElseThrow().token().signatureSecretId()).isNull();
  }

  @Test
  void aLongNonceIsKept() {
    String nonce = "n".repeat(256);
    assertThat(store.claimNonce("ss_long", nonce, T0.plusSeconds(300), T0)).isTrue();
    assertThat(store.claimNonce("ss_long", nonce, T0.plusSeconds(300), T0)).isFalse();
  }
}
