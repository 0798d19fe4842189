package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.StoredTokens.T0;
import static dev.tokenkit.jdbi.StoredTokens.token;
import static dev.tokenkit.jdbi.StoredTokens.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.DuplicateTokenException;
import dev.tokenkit.IpRange;
import dev.tokenkit.Page;
import dev.tokenkit.Token;
import dev.tokenkit.TokenNotFoundException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Store behaviour shared by the H2 and PostgreSQL runs (real databases, no mocks). */
abstract class AbstractJdbiTokenStoreTest {
  protected JdbiTokenStore store;
  private final List<JdbiTokenStore> extra = new ArrayList<>();

  /** A fresh, empty, migrated store. */
  protected abstract JdbiTokenStore newStore();

  /** Another store instance on the same database and prefix as {@link #store} (a second node). */
  protected abstract JdbiTokenStore secondNode();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @AfterEach
  void closeStores() {
    store.close();
    extra.forEach(JdbiTokenStore::close);
  }

  protected JdbiTokenStore track(JdbiTokenStore s) {
    extra.add(s);
    return s;
  }

  @Test
  void insertedTokenReadsBackWithEveryField() {
    StoredToken s = token("abcDEF123", "alice", "ci");
    Token t = s.token();
    StoredToken rotated = new StoredToken(t, "argon2id$new", "sha256$old", T0.plusSeconds(60));
    store.insert(rotated);

    StoredToken read = store.findById("abcDEF123").orElseThrow();

    assertThat(read.token()).isEqualTo(t);
    assertThat(read.secretHash()).isEqualTo("argon2id$new");
    assertThat(read.previousSecretHash()).isEqualTo("sha256$old");
    assertThat(read.previousSecretValidUntil()).isEqualTo(T0.plusSeconds(60));
    assertThat(read.token().access().levelFor("orders")).isEqualTo(AccessLevel.FULL);
    assertThat(read.token().allowedIps()).containsExactly(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32"));
  }

  @Test
  void unknownIdIsEmpty() {
    assertThat(store.findById("nope")).isEmpty();
  }

  @Test
  void secondTokenWithSameOwnerAndNameIsADuplicateButOtherOwnersMayUseTheName() {
    store.insert(token("id1", "alice", "ci"));

    assertThatThrownBy(() -> store.insert(token("id2", "alice", "ci"))).isInstanceOf(DuplicateTokenException.class)
        .hasMessageContaining("alice").hasMessageContaining("ci");
    store.insert(token("id3", "bob", "ci"));
    assertThat(store.findById("id2")).isEmpty();
    assertThat(store.findById("id3")).isPresent();
  }

  @Test
  void updateIsACompareAndSetOnTheVersion() {
    StoredToken s = token("id1", "alice", "ci");
    store.insert(s);
    Token t = s.token();
    StoredToken v1 = s.withToken(t.withName("renamed").withDescription(null).withRole(null)
        .withAccess(AccessGrants.none()).withStatus(TokenStatus.DISABLED).withExpiry(T0.plusSeconds(3600))
        .withAllowedIps(List.of()).nextVersion(T0.plusSeconds(1)));

    store.update(v1, 0);

    StoredToken read = store.findById("id1").orElseThrow();
    assertThat(read.version()).isEqualTo(1);
    assertThat(read.token()).isEqualTo(v1.token());
    assertThat(read.token().access().isEmpty()).isTrue();
    assertThat(read.token().allowedIps()).isEmpty();
    StoredToken stale = s.withToken(t.withName("other").nextVersion(T0.plusSeconds(2)));
    assertThatThrownBy(() -> store.update(stale, 0)).isInstanceOf(ConcurrentUpdateException.class);
    assertThat(store.findById("id1").orElseThrow().token().name()).isEqualTo("renamed");
  }

  @Test
  void updateOfAMissingTokenIsNotFound() {
    StoredToken s = token("ghost", "alice", "ci");
    Token t = s.token();
    StoredToken next = s.withToken(t.withName("x").nextVersion(T0));
    assertThatThrownBy(() -> store.update(next, 0)).isInstanceOf(TokenNotFoundException.class);
  }

  @Test
  void renameOntoAnotherTokensNameIsADuplicateAndChangesNothing() {
    store.insert(token("id1", "alice", "ci"));
    StoredToken two = token("id2", "alice", "deploy");
    store.insert(two);
    Token t = two.token();
    StoredToken renamed = two.withToken(t.withName("ci").nextVersion(T0));

    assertThatThrownBy(() -> store.update(renamed, 0)).isInstanceOf(DuplicateTokenException.class);
    assertThat(store.findById("id2").orElseThrow().token().name()).isEqualTo("deploy");
    assertThat(store.findById("id2").orElseThrow().version()).isZero();
  }

  @Test
  void updateDoesNotWriteLastUseAndLastUseMovesOnlyForwardWithoutVersionBump() {
    StoredToken s = token("id1", "alice", "ci");
    store.insert(s);
    Instant used = T0.plusSeconds(30);
    store.recordLastUse(List.of(new LastUse("id1", used, "203.0.113.7")));
    store.recordLastUse(List.of(new LastUse("id1", used.minusSeconds(10), "198.51.100.1")));

    StoredToken afterUse = store.findById("id1").orElseThrow();
    assertThat(afterUse.token().lastUsedAt()).isEqualTo(used);
    assertThat(afterUse.token().lastUsedIp()).isEqualTo("203.0.113.7");
    assertThat(afterUse.version()).isZero();

    Token t = s.token(); // read before the use: lastUsed null
    store.update(s.withToken(t.withName("ci2").nextVersion(T0)), 0);
    assertThat(store.findById("id1").orElseThrow().token().lastUsedAt()).isEqualTo(used);
  }

  @Test
  void lastUseOfUnknownTokensIsIgnored() {
    store.recordLastUse(List.of(new LastUse("ghost", T0, null)));
    assertThat(store.findById("ghost")).isEmpty();
  }

  @Test
  void deleteRemovesTheTokenAndItsChildrenButKeepsItsAudit() {
    store.insert(token("id1", "alice", "ci"));
    store.appendAudit(new AuditEvent("e1", AuditEventType.ISSUED, "id1", "admin", null, T0, null));

    assertThat(store.delete("id1")).isTrue();
    assertThat(store.delete("id1")).isFalse();
    assertThat(store.findById("id1")).isEmpty();
    assertThat(store.listAudit(AuditQuery.all().withTokenId("id1")).items()).extracting(AuditEvent::id)
        .containsExactly("e1");
    store.insert(token("id1", "alice", "ci")); // name and id free again, no orphan grants left behind
    assertThat(store.findById("id1").orElseThrow().token().access().asMap()).hasSize(2);
  }

  @Test
  void listIsNewestFirstWithIdTieBreakInJavaOrderAndKeysetPages() {
    List<String> expected = new ArrayList<>();
    // same instant for several ids of mixed case: ordering must follow String.compareTo, not a locale collation
    String[] sameInstant = {"aZ9", "AZ9", "b00", "B00", "Zed", "zed"};
    for (String id : sameInstant) {
      store.insert(token(id, "alice", "n" + id, T0));
    }
    for (int i = 0; i < 7; i++) {
      store.insert(token("x" + i, "alice", "x" + i, T0.plusMillis(i + 1)));
    }
    for (int i = 6; i >= 0; i--) {
      expected.add("x" + i);
    }
    List<String> ties = new ArrayList<>(List.of(sameInstant));
    ties.sort((a, b) -> b.compareTo(a));
    expected.addAll(ties);

    List<String> seen = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withLimit(4);
    Page<StoredToken> page;
    int pages = 0;
    do {
      page = store.list(q, T0);
      page.items().forEach(s -> seen.add(s.id()));
      q = q.withCursor(page.nextCursor());
      pages++;
    } while (page.nextCursor() != null);

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void listFiltersByOwner() {
    store.insert(token("a1", "alice", "one"));
    store.insert(token("b1", "bob", "one"));
    assertThat(store.list(TokenQuery.all().withOwner("bob"), T0).items()).extracting(StoredToken::id)
        .containsExactly("b1");
  }

  @Test
  void statusFilterUsesTheEffectiveStatusAtNow() {
    Instant now = T0.plusSeconds(100);
    store.insert(token("active", "o", "active"));
    store.insert(withStatus(token("expiredActive", "o", "ea"), TokenStatus.ACTIVE, now));
    store.insert(withStatus(token("expiredDisabled", "o", "ed"), TokenStatus.DISABLED, now.minusSeconds(1)));
    store.insert(withStatus(token("disabled", "o", "d"), TokenStatus.DISABLED, now.plusSeconds(1)));
    store.insert(withStatus(token("revokedExpired", "o", "re"), TokenStatus.REVOKED, now.minusSeconds(5)));

    assertThat(ids(TokenQuery.all().withStatus(TokenStatus.ACTIVE), now)).containsExactlyInAnyOrder("active");
    assertThat(ids(TokenQuery.all().withStatus(TokenStatus.DISABLED), now)).containsExactlyInAnyOrder("disabled");
    assertThat(ids(TokenQuery.all().withStatus(TokenStatus.EXPIRED), now))
        .containsExactlyInAnyOrder("expiredActive", "expiredDisabled");
    assertThat(ids(TokenQuery.all().withStatus(TokenStatus.REVOKED), now)).containsExactlyInAnyOrder("revokedExpired");
  }

  @Test
  void expiringBeforeIsStrictAndSkipsTokensThatNeverExpire() {
    Instant t = T0.plus(Duration.ofDays(10));
    store.insert(token("never", "o", "never"));
    store.insert(withStatus(token("soon", "o", "soon"), TokenStatus.ACTIVE, t.minusMillis(1)));
    store.insert(withStatus(token("exactly", "o", "exactly"), TokenStatus.ACTIVE, t));
    assertThat(ids(TokenQuery.all().withExpiringBefore(t), T0)).containsExactly("soon");
  }

  @Test
  void auditIsNewestFirstFilteredByTokenAndKeysetPaged() {
    for (int i = 0; i < 5; i++) {
      store.appendAudit(new AuditEvent("e" + i, AuditEventType.UPDATED, i % 2 == 0 ? "tokA" : "tokB", "admin",
          "203.0.113.1", T0.plusSeconds(i), "detail " + i));
    }
    store.appendAudit(new AuditEvent("e9", AuditEventType.AUTHENTICATION_FAILED, "tokA", "tokA", null,
        T0.plusSeconds(4), null));

    Page<AuditEvent> first = store.listAudit(AuditQuery.all().withLimit(2));
    Page<AuditEvent> second = store.listAudit(AuditQuery.all().withLimit(2).withCursor(first.nextCursor()));
    assertThat(first.items()).extracting(AuditEvent::id).containsExactly("e9", "e4");
    assertThat(second.items()).extracting(AuditEvent::id).containsExactly("e3", "e2");
    assertThat(store.listAudit(AuditQuery.all().withTokenId("tokB")).items()).extracting(AuditEvent::id)
        .containsExactly("e3", "e1");
    AuditEvent e = store.listAudit(AuditQuery.all().withTokenId("tokB")).items().get(0);
    assertThat(e).isEqualTo(new AuditEvent("e3", AuditEventType.UPDATED, "tokB", "admin", "203.0.113.1",
        T0.plusSeconds(3), "detail 3"));
  }

  @Test
  void toStringNeverShowsHashes() {
    StoredToken s = token("id1", "alice", "ci");
    store.insert(s);
    assertThat(store.findById("id1").orElseThrow().toString()).doesNotContain("hash-of");
    assertThat(store.toString()).doesNotContain("hash");
  }

  @Test
  void anotherNodeHearsOfEveryChangeThroughTheFeed() throws Exception {
    JdbiTokenStore other = track(secondNode());
    List<String> heard = new CopyOnWriteArrayList<>();
    AutoCloseable sub = other.subscribe(heard::add);
    try {
      StoredToken s = token("id1", "alice", "ci");
      store.insert(s);
      Token t = s.token();
      store.update(s.withToken(t.withStatus(TokenStatus.REVOKED).nextVersion(T0)), 0);
      store.recordLastUse(List.of(new LastUse("id1", T0.plusSeconds(1), null))); // not a change
      store.delete("id1");

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (heard.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(300);
      assertThat(heard).as("insert, update, delete; no last-use").containsOnly("id1").hasSizeBetween(3, 6);
    } finally {
      sub.close();
    }
  }

  @Test
  void aListenerFailureDoesNotStopTheFeed() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    TokenChangeListener broken = id -> {
      throw new IllegalStateException("boom");
    };
    AutoCloseable a = store.subscribe(broken);
    AutoCloseable b = store.subscribe(heard::add);
    try {
      store.insert(token("id1", "alice", "ci"));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (heard.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(heard).contains("id1");
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void grantsWithEveryLevelSurviveARoundTrip() {
    StoredToken s = token("id1", "alice", "ci");
    Token t = s.token();
    AccessGrants g = AccessGrants.of(Map.of("a", AccessLevel.NONE, "b.c-d_e", AccessLevel.READ, "*", AccessLevel.FULL));
    store.insert(s.withToken(new Token(t.id(), t.prefix(), t.name(), null, t.owner(), null, g, t.status(),
        t.createdAt(), t.updatedAt(), null, List.of(), null, null, 0)));
    Token read = store.findById("id1").orElseThrow().token();
    assertThat(read.access()).isEqualTo(g);
    assertThat(read.description()).isNull();
    assertThat(read.role()).isNull();
  }

  @Test
  void failedStatementsNeverCarryBoundHashesInTheirExceptionChain() {
    store.insert(token("id1", "alice", "ci"));
    String hash = "sha256$NEVER-SHOW-THIS-HASH";
    StoredToken dupName = new StoredToken(token("id2", "alice", "ci").token(), hash, hash + "-previous", T0);
    StoredToken dupId = new StoredToken(token("id1", "bob", "other").token(), hash, null, null);

    for (StoredToken s : List.of(dupName, dupId)) {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> store.insert(s));
      assertThat(thrown).isNotNull();
      java.io.StringWriter trace = new java.io.StringWriter();
      thrown.printStackTrace(new java.io.PrintWriter(trace));
      assertThat(trace.toString()).doesNotContain("NEVER-SHOW-THIS-HASH");
    }
  }

  @Test
  void anOverlongClientIpNeverMakesAWriteFail() {
    store.insert(token("id1", "alice", "ci"));
    String junk = "203.0.113.7, ".repeat(40); // e.g. a forwarded-for list passed through unparsed

    store.recordLastUse(List.of(new LastUse("id1", T0.plusSeconds(1), junk)));
    store.appendAudit(new AuditEvent("e1", AuditEventType.AUTHENTICATION_FAILED, "id1", "client", junk, T0, "X"));

    assertThat(store.findById("id1").orElseThrow().token().lastUsedIp()).hasSize(128).startsWith("203.0.113.7,");
    assertThat(store.listAudit(AuditQuery.all()).items().get(0).actorIp()).hasSize(128);
  }

  private List<String> ids(TokenQuery q, Instant now) {
    return store.list(q, now).items().stream().map(StoredToken::id).toList();
  }
}
