package dev.tokenkit.jdbi;

import static dev.tokenkit.jdbi.StoredTokens.T0;
import static dev.tokenkit.jdbi.StoredTokens.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.Token;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenChangeListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only the SQL store must prove, on H2 and PostgreSQL (real databases, no mocks): child rows (grants, IP
 * ranges) written and removed with their token, hashes kept out of SQL exceptions and {@code toString}, overlong
 * client IPs, and the change feed. Everything every store must do is in the contract kit
 * ({@code TokenStoreContract}), which {@link JdbiH2StoreContractTest} and {@link JdbiPostgresStoreContractTest} run.
 */
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

  /** Fault injection: from now on the database refuses every audit event of this actor (a CHECK constraint). */
  private void refuseAuditEventsOf(String actor) {
    String table = store.db().tables.audit;
    store.db().jdbi.useHandle(h -> h.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_fault CHECK (actor <> '"
        + actor + "')"));
  }

  @Test
  void aChangeWhoseAuditEventCannotBeStoredIsRolledBackAndTheCallerGetsTheError() {
    dev.tokenkit.Actor admin = dev.tokenkit.Actor.of("admin");
    dev.tokenkit.Actor faulty = dev.tokenkit.Actor.of("faulty");
    try (dev.tokenkit.TokenService service = dev.tokenkit.TokenService.builder().store(store).build()) {
      dev.tokenkit.IssuedToken t = service.issue(admin, dev.tokenkit.IssueRequest.builder("ci", "alice").build());
      String id = t.token().id();
      String raw = t.secret().reveal();
      refuseAuditEventsOf("faulty");

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.revoke(faulty, id))
          .isInstanceOf(dev.tokenkit.StoreUnavailableException.class).hasMessageContaining("REVOKED");
      assertThat(store.findById(id).orElseThrow().token().status()).isEqualTo(TokenStatus.ACTIVE);
      assertThat(store.findById(id).orElseThrow().version()).isZero();
      assertThat(service.authenticate(raw, dev.tokenkit.AuthContext.anyApi("192.0.2.1")).isVerified()).isTrue();

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.update(faulty, id,
          dev.tokenkit.TokenUpdate.builder().name("renamed").build()))
          .isInstanceOf(dev.tokenkit.StoreUnavailableException.class);
      assertThat(store.findById(id).orElseThrow().token().name()).isEqualTo("ci");

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.delete(faulty, id))
          .isInstanceOf(dev.tokenkit.StoreUnavailableException.class);
      assertThat(store.findById(id)).isPresent();

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.issue(faulty,
          dev.tokenkit.IssueRequest.builder("second", "alice").build()))
          .isInstanceOf(dev.tokenkit.StoreUnavailableException.class);
      assertThat(service.list(dev.tokenkit.TokenQuery.all().withOwner("alice")).items())
          .extracting(dev.tokenkit.Token::name).containsExactly("ci");

      assertThat(store.listAudit(AuditQuery.all().withTokenId(id)).items()).extracting(AuditEvent::type)
          .containsExactly(AuditEventType.ISSUED);
      service.revoke(admin, id); // the same change with a storable event goes through
      assertThat(store.findById(id).orElseThrow().token().status()).isEqualTo(TokenStatus.REVOKED);
    }
  }
}
