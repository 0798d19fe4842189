package dev.tokenkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.FailureReason;
import dev.tokenkit.InvalidInputException;
import dev.tokenkit.IpRange;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.Page;
import dev.tokenkit.Token;
import dev.tokenkit.TokenNotFoundException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TokenStore} must pass: every operation, every error, keyset paging and concurrency.
 * Extend it and implement {@link #newStore()}; it ships in token-core's test jar
 * ({@code <type>test-jar</type>}).
 *
 * <pre>{@code
 * class MyStoreContractTest extends TokenStoreContract {
 *   @Override protected TokenStore newStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 */
public abstract class TokenStoreContract {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String HASH = "$sha256$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final AtomicInteger IDS = new AtomicInteger();

  /** The store under test, fresh for each test. */
  protected TokenStore store;

  /**
   * A new, empty store; called before each test.
   *
   * @return the store
   */
  protected abstract TokenStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ------------------------------------------------------------------ helpers

  /** A 16-character id, unique within the JVM run. */
  protected static String newId() {
    return String.format("ct%014d", IDS.incrementAndGet());
  }

  /** A stored token with typical fields. */
  protected static StoredToken token(String id, String owner, String name, Instant createdAt, Instant expiresAt,
      TokenStatus status) {
    Token t = new Token(id, "tk", name, "desc of " + name, owner, "READONLY",
        AccessGrants.of(Map.of("orders", AccessLevel.FULL, "*", AccessLevel.READ)), status, createdAt, createdAt,
        expiresAt, List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32")), null, null, 0);
    return new StoredToken(t, HASH, null, null);
  }

  private static StoredToken token(String owner, String name, Instant createdAt) {
    return token(newId(), owner, name, createdAt, null, TokenStatus.ACTIVE);
  }

  private static StoredToken next(StoredToken s, String newName, TokenStatus status) {
    Token t = s.token();
    return s.withToken(t.withName(newName).withStatus(status).nextVersion(t.updatedAt().plusSeconds(1)));
  }

  private static List<String> ids(Page<StoredToken> page) {
    return page.items().stream().map(StoredToken::id).toList();
  }

  // ------------------------------------------------------------------ insert / find

  @Test
  void insertedTokenIsFoundByIdWithEveryField() {
    StoredToken s = token(newId(), "alice", "ci", T0, T0.plus(Duration.ofDays(90)), TokenStatus.ACTIVE);
    store.insert(s);

    StoredToken found = store.findById(s.id()).orElseThrow();
    assertThat(found.token()).isEqualTo(s.token());
    assertThat(found.secretHash()).isEqualTo(HASH);
    assertThat(found.previousSecretHash()).isNull();
    assertThat(found.previousSecretValidUntil()).isNull();
  }

  @Test
  void insertKeepsThePreviousHashAndItsGraceEnd() {
    StoredToken s = token(newId(), "alice", "ci", T0, null, TokenStatus.ACTIVE);
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

  // ------------------------------------------------------------------ last use

  @Test
  void lastUseMovesOnlyForwardAndKeepsTheVersion() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);

    store.recordLastUse(List.of(new LastUse(s.id(), T0.plusSeconds(10), "10.0.0.1")));
    store.recordLastUse(List.of(new LastUse(s.id(), T0.plusSeconds(5), "10.0.0.2")));

    Token t = store.findById(s.id()).orElseThrow().token();
    assertThat(t.lastUsedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(t.lastUsedIp()).isEqualTo("10.0.0.1");
    assertThat(t.version()).isZero();
  }

  @Test
  void lastUseForUnknownTokensIsIgnored() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);
    store.recordLastUse(List.of(new LastUse("gone000000000000", T0, null), new LastUse(s.id(), T0, null)));
    assertThat(store.findById(s.id()).orElseThrow().token().lastUsedAt()).isEqualTo(T0);
  }

  // ------------------------------------------------------------------ list

  @Test
  void listIsNewestFirstAndPagesVisitEveryTokenOnce() {
    List<String> inserted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      StoredToken s = token("alice", "t" + i, T0.plusSeconds(i / 2)); // pairs share a creation instant
      store.insert(s);
      inserted.add(s.id());
    }
    List<String> seen = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withLimit(2);
    Page<StoredToken> page;
    int pages = 0;
    do {
      page = store.list(q, T0);
      seen.addAll(ids(page));
      q = q.withCursor(page.nextCursor());
      pages++;
    } while (page.nextCursor() != null);

    assertThat(pages).isEqualTo(4);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(inserted).doesNotHaveDuplicates();
    List<StoredToken> all = store.list(TokenQuery.all(), T0).items();
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
  void tiesAtOneInstantFollowJavaStringOrderOfIdsNotALocaleCollation() {
    String base = newId().substring(3);
    List<String> ids = new ArrayList<>();
    for (String variant : new String[] {"aZ9", "AZ9", "b00", "B00", "Zed", "zed"}) {
      String id = variant + base;
      store.insert(token(id, "alice", "n" + variant, T0, null, TokenStatus.ACTIVE));
      ids.add(id);
    }
    ids.sort((x, y) -> y.compareTo(x));

    List<String> seen = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withLimit(4);
    Page<StoredToken> page;
    do {
      page = store.list(q, T0);
      seen.addAll(ids(page));
      q = q.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
    assertThat(seen).containsExactlyElementsOf(ids);
  }

  @Test
  void pagingIsStableWhenNewerTokensArriveBetweenPages() {
    for (int i = 0; i < 4; i++) {
      store.insert(token("alice", "t" + i, T0.plusSeconds(i)));
    }
    Page<StoredToken> first = store.list(TokenQuery.all().withLimit(2), T0);
    store.insert(token("alice", "newer", T0.plusSeconds(100)));
    Page<StoredToken> second = store.list(TokenQuery.all().withLimit(2).withCursor(first.nextCursor()), T0);

    assertThat(second.items()).extracting(s -> s.token().name()).containsExactly("t1", "t0");
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void listFiltersByOwner() {
    store.insert(token("alice", "a", T0));
    store.insert(token("bob", "b", T0));
    assertThat(store.list(TokenQuery.all().withOwner("bob"), T0).items())
        .extracting(s -> s.token().name()).containsExactly("b");
  }

  @Test
  void listFiltersByEffectiveStatus() {
    Instant now = T0.plus(Duration.ofDays(10));
    store.insert(token(newId(), "o", "active", T0, null, TokenStatus.ACTIVE));
    store.insert(token(newId(), "o", "active-later", T0, now.plusSeconds(1), TokenStatus.ACTIVE));
    store.insert(token(newId(), "o", "expired", T0, now, TokenStatus.ACTIVE));
    store.insert(token(newId(), "o", "disabled", T0, null, TokenStatus.DISABLED));
    store.insert(token(newId(), "o", "disabled-later", T0, now.plusSeconds(1), TokenStatus.DISABLED));
    store.insert(token(newId(), "o", "disabled-expired", T0, now.minusSeconds(1), TokenStatus.DISABLED));
    store.insert(token(newId(), "o", "revoked", T0, now.minusSeconds(1), TokenStatus.REVOKED));

    assertThat(names(TokenStatus.ACTIVE, now)).containsExactlyInAnyOrder("active", "active-later");
    assertThat(names(TokenStatus.EXPIRED, now)).containsExactlyInAnyOrder("expired", "disabled-expired");
    assertThat(names(TokenStatus.DISABLED, now)).containsExactlyInAnyOrder("disabled", "disabled-later");
    assertThat(names(TokenStatus.REVOKED, now)).containsExactlyInAnyOrder("revoked");
  }

  private List<String> names(TokenStatus status, Instant now) {
    return store.list(TokenQuery.all().withStatus(status), now).items().stream().map(s -> s.token().name()).toList();
  }

  @Test
  void listFiltersByExpiringBefore() {
    store.insert(token(newId(), "o", "soon", T0, T0.plus(Duration.ofDays(3)), TokenStatus.ACTIVE));
    store.insert(token(newId(), "o", "later", T0, T0.plus(Duration.ofDays(30)), TokenStatus.ACTIVE));
    store.insert(token(newId(), "o", "never", T0, null, TokenStatus.ACTIVE));
    store.insert(token(newId(), "o", "exactly", T0, T0.plus(Duration.ofDays(7)), TokenStatus.ACTIVE));

    assertThat(store.list(TokenQuery.all().withExpiringBefore(T0.plus(Duration.ofDays(7))), T0).items())
        .as("strictly before the bound").extracting(s -> s.token().name()).containsExactly("soon");
  }

  @Test
  void aForeignCursorIsInvalidInput() {
    assertThatThrownBy(() -> store.list(TokenQuery.all().withCursor("not-a-cursor!"), T0))
        .isInstanceOf(InvalidInputException.class);
  }

  // ------------------------------------------------------------------ audit

  @Test
  void auditEventsAreListedNewestFirstPerTokenAndPaged() {
    for (int i = 0; i < 5; i++) {
      store.appendAudit(new AuditEvent("ev" + i, AuditEventType.values()[i], i % 2 == 0 ? "tokA" : "tokB",
          "admin", i == 0 ? null : "10.0.0." + i, T0.plusSeconds(i), i == 4 ? "grace=PT1H" : null));
    }
    Page<AuditEvent> forA = store.listAudit(AuditQuery.all().withTokenId("tokA"));
    assertThat(forA.items()).extracting(AuditEvent::id).containsExactly("ev4", "ev2", "ev0");
    assertThat(forA.items().get(0).detail()).isEqualTo("grace=PT1H");
    assertThat(forA.items().get(2).actorIp()).isNull();

    Page<AuditEvent> first = store.listAudit(AuditQuery.all().withLimit(3));
    Page<AuditEvent> second = store.listAudit(AuditQuery.all().withLimit(3).withCursor(first.nextCursor()));
    assertThat(first.items()).extracting(AuditEvent::id).containsExactly("ev4", "ev3", "ev2");
    assertThat(second.items()).extracting(AuditEvent::id).containsExactly("ev1", "ev0");
    assertThat(second.nextCursor()).isNull();
    assertThat(first.items().get(1)).isEqualTo(new AuditEvent("ev3", AuditEventType.values()[3], "tokB", "admin",
        "10.0.0.3", T0.plusSeconds(3), null));
  }

  @Test
  void auditEventsAtOneInstantAreOrderedByIdDescending() {
    for (String id : new String[] {"e4", "e9", "e5"}) {
      store.appendAudit(new AuditEvent(id, AuditEventType.UPDATED, "tokA", "admin", null, T0, null));
    }
    store.appendAudit(new AuditEvent("e1", AuditEventType.UPDATED, "tokA", "admin", null, T0.plusSeconds(1), null));

    Page<AuditEvent> first = store.listAudit(AuditQuery.all().withLimit(2));
    Page<AuditEvent> second = store.listAudit(AuditQuery.all().withLimit(2).withCursor(first.nextCursor()));
    assertThat(first.items()).extracting(AuditEvent::id).containsExactly("e1", "e9");
    assertThat(second.items()).extracting(AuditEvent::id).containsExactly("e5", "e4");
  }

  @Test
  void auditEventsOutliveTheirToken() {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);
    store.appendAudit(new AuditEvent("e1", AuditEventType.ISSUED, s.id(), "admin", null, T0, null));
    store.delete(s.id());
    assertThat(store.listAudit(AuditQuery.all().withTokenId(s.id())).items()).hasSize(1);
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void concurrentUpdatesOfOneVersionHaveExactlyOneWinner() throws Exception {
    StoredToken s = token("alice", "ci", T0);
    store.insert(s);
    int threads = 8;
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String name = "winner-" + i;
      tasks.add(() -> {
        try {
          store.update(next(s, name, TokenStatus.ACTIVE), 0);
          return true;
        } catch (ConcurrentUpdateException e) {
          return false;
        }
      });
    }
    List<Boolean> results = runTogether(tasks);

    assertThat(results.stream().filter(r -> r).count()).isEqualTo(1);
    StoredToken after = store.findById(s.id()).orElseThrow();
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.token().name()).startsWith("winner-");
  }

  @Test
  void parallelRotationsThroughTheServiceNeverFork() throws Exception {
    try (TokenService service = TokenService.builder().store(store).build()) {
      IssuedToken issued = service.issue(Actor.of("admin"), IssueRequest.builder("rotating", "alice").build());
      String id = issued.token().id();
      List<Callable<IssuedToken>> tasks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        tasks.add(() -> {
          try {
            return service.rotate(Actor.of("admin"), id, null);
          } catch (ConcurrentUpdateException e) {
            return null;
          }
        });
      }
      List<IssuedToken> results = runTogether(tasks);
      List<IssuedToken> winners = results.stream().filter(r -> r != null).toList();
      assertThat(winners).isNotEmpty();
      Set<Long> versions = new HashSet<>();
      winners.forEach(w -> versions.add(w.token().version()));
      assertThat(versions).as("one winner per version").hasSize(winners.size());

      long finalVersion = service.get(id).version();
      int verifying = 0;
      for (IssuedToken w : winners) {
        AuthOutcome o = service.authenticate(w.secret().reveal(), AuthContext.anyApi("10.0.0.1"));
        if (o.isVerified()) {
          verifying++;
          assertThat(w.token().version()).isEqualTo(finalVersion);
        }
      }
      assertThat(verifying).as("exactly the last rotation's secret works").isEqualTo(1);
      assertThat(service.authenticate(issued.secret().reveal(), AuthContext.anyApi("10.0.0.1")).reason())
          .isEqualTo(FailureReason.INVALID_SECRET);
    }
  }

  @Test
  void onceRevokeReturnsNoVerificationSucceeds() throws Exception {
    try (TokenService service = TokenService.builder().store(store).build()) {
      IssuedToken issued = service.issue(Actor.of("admin"), IssueRequest.builder("hot", "alice").build());
      String raw = issued.secret().reveal();
      AuthContext ctx = AuthContext.anyApi("10.0.0.1");
      assertThat(service.authenticate(raw, ctx).isVerified()).isTrue();

      AtomicBoolean revoked = new AtomicBoolean();
      AtomicInteger successesAfterRevoke = new AtomicInteger();
      AtomicInteger checksAfterRevoke = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(3);
      CountDownLatch stop = new CountDownLatch(1);
      List<Future<?>> verifiers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        verifiers.add(pool.submit(() -> {
          while (stop.getCount() > 0) {
            boolean after = revoked.get();
            boolean ok = service.authenticate(raw, ctx).isVerified();
            if (after) {
              checksAfterRevoke.incrementAndGet();
              if (ok) {
                successesAfterRevoke.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      Thread.sleep(50);
      service.revoke(Actor.of("admin"), issued.token().id());
      revoked.set(true);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (checksAfterRevoke.get() < 30 && System.nanoTime() < deadline) {
        Thread.sleep(5); // let every verifier run several checks that start after revoke returned
      }
      stop.countDown();
      for (Future<?> f : verifiers) {
        f.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(checksAfterRevoke.get()).isPositive();
      assertThat(successesAfterRevoke.get()).isZero();
      assertThat(service.authenticate(raw, ctx).reason()).isEqualTo(FailureReason.REVOKED);
    }
  }

  @Test
  void serviceFlowsWorkOnTheStore() {
    try (TokenService service = TokenService.builder().store(store).build()) {
      Actor admin = Actor.of("admin");
      IssuedToken a = service.issue(admin, IssueRequest.builder("a", "carol").build());
      service.issue(admin, IssueRequest.builder("b", "carol").build());
      service.issue(admin, IssueRequest.builder("c", "dave").build());
      service.disable(admin, a.token().id());
      assertThat(service.get(a.token().id()).status()).isEqualTo(TokenStatus.DISABLED);

      assertThat(service.revokeAll(admin, "carol")).isEqualTo(2);
      assertThat(service.list(TokenQuery.all().withOwner("carol").withStatus(TokenStatus.REVOKED)).items()).hasSize(2);
      assertThat(service.list(TokenQuery.all().withOwner("dave").withStatus(TokenStatus.ACTIVE)).items()).hasSize(1);

      service.delete(admin, a.token().id());
      assertThat(service.find(a.token().id())).isEmpty();
      assertThat(service.audit(AuditQuery.all().withTokenId(a.token().id())).items())
          .extracting(AuditEvent::type)
          .containsExactly(AuditEventType.DELETED, AuditEventType.REVOKED, AuditEventType.DISABLED, AuditEventType.ISSUED);
    }
  }

  @Test
  void revokeAllRevokesEveryUnrevokedTokenOfTheOwnerOnlyAndAnnouncesEach() throws Exception {
    StoredToken a = token("erin", "a", T0);
    StoredToken b = token(newId(), "erin", "b", T0.plusSeconds(1), null, TokenStatus.DISABLED);
    StoredToken gone = token(newId(), "erin", "gone", T0.plusSeconds(2), null, TokenStatus.REVOKED);
    StoredToken other = token("frank", "a", T0);
    for (StoredToken s : List.of(a, b, gone, other)) {
      store.insert(s);
    }
    List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
    Instant at = T0.plusSeconds(60);
    try (AutoCloseable feed = store.subscribe(new dev.tokenkit.spi.TokenChangeListener() {
      @Override
      public void tokenChanged(String tokenId) {
        announced.add(tokenId);
      }

      @Override
      public void allChanged() {}
    })) {
      assertThat(store.revokeAll("erin", at)).containsExactlyInAnyOrder(a.id(), b.id());

      for (StoredToken before : List.of(a, b)) {
        Token after = store.findById(before.id()).orElseThrow().token();
        assertThat(after.status()).isEqualTo(TokenStatus.REVOKED);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.updatedAt()).isEqualTo(at);
        assertThat(after.name()).isEqualTo(before.token().name());
        assertThat(after.access()).isEqualTo(before.token().access());
      }
      assertThat(store.findById(gone.id()).orElseThrow().token().version()).isEqualTo(gone.version());
      assertThat(store.findById(other.id()).orElseThrow().token().status()).isEqualTo(TokenStatus.ACTIVE);
      assertThat(store.revokeAll("erin", at.plusSeconds(1))).isEmpty();
      assertThat(store.revokeAll("nobody", at)).isEmpty();
      // a store with a change feed announces every revoked id (a poller may take up to its interval); a store
      // without one (the SPI default) announces nothing
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (!announced.containsAll(List.of(a.id(), b.id())) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (!announced.isEmpty()) {
        assertThat(announced).contains(a.id(), b.id()).doesNotContain(gone.id(), other.id());
      }
    }
  }

  private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
