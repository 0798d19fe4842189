package dev.tokenkit;

import dev.tokenkit.testkit.RecordingStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
  private static final Actor ADMIN = new Actor("admin@example.com", "192.0.2.1");
  private static final AuthContext ANYWHERE = AuthContext.anyApi("198.51.100.7");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final RecordingStore store = new RecordingStore();
  private final List<AuditEvent> heard = new ArrayList<>();
  private final TokenService service = TokenService.builder().store(store).clock(clock)
      .auditListener(heard::add).build();

  @AfterEach
  void close() {
    service.close();
  }

  private IssuedToken issue(String name) {
    return service.issue(ADMIN, IssueRequest.builder(name, "alice").build());
  }

  private static String sameIdOtherSecret(IssuedToken t) {
    return TokenCodec.newToken("tk", t.token().id(), new SecureRandom());
  }

  // -------------------------------------------------------------- issue and verify

  @Test
  void anIssuedTokenAuthenticatesWithItsEffectiveAccess() {
    IssuedToken t = service.issue(ADMIN, IssueRequest.builder("ci", "alice").role("READONLY")
        .access(Map.of("orders", AccessLevel.FULL)).description("deploys").build());
    String raw = t.secret().reveal();

    AuthOutcome orders = service.authenticate(raw, AuthContext.of("198.51.100.7", "orders", AccessLevel.FULL));
    assertThat(orders.isVerified()).isTrue();
    VerifiedToken v = orders.token();
    assertThat(v.id()).isEqualTo(t.token().id());
    assertThat(v.owner()).isEqualTo("alice");
    assertThat(v.role()).isEqualTo("READONLY");
    assertThat(v.accessTo("orders")).isEqualTo(AccessLevel.FULL);
    assertThat(v.accessTo("reports")).isEqualTo(AccessLevel.READ);
    assertThat(v.managesTokens()).isFalse();
    assertThat(service.authenticate(raw, AuthContext.of(null, "reports", AccessLevel.forHttpMethod("GET")))
        .isVerified()).isTrue();
    assertThat(service.authenticate(raw, AuthContext.of(null, "reports", AccessLevel.forHttpMethod("POST")))
        .reason()).isEqualTo(FailureReason.INSUFFICIENT_ACCESS);
  }

  @Test
  void issuedMetadataHasDefaultsAndNeverTheSecret() {
    IssuedToken t = issue("ci");
    Token token = t.token();
    assertThat(token.status()).isEqualTo(TokenStatus.ACTIVE);
    assertThat(token.createdAt()).isEqualTo(clock.instant());
    assertThat(token.expiresAt()).isEqualTo(Instant.parse("2026-09-01T10:00:00Z")); // default 6 months
    assertThat(token.lastUsedAt()).isNull();
    assertThat(token.version()).isZero();
    assertThat(token.displayHint()).isEqualTo("tk_" + token.id() + "...");
    assertThat(t.secret().reveal()).startsWith("tk_" + token.id());
    assertThat(t.toString()).doesNotContain(t.secret().reveal().substring(3 + 16, 3 + 16 + 43));
    assertThat(t.secret()).hasToString("TokenSecret[redacted]");
    assertThat(service.get(token.id()).toString()).doesNotContain(t.secret().reveal());
    assertThat(store.delegate.findById(token.id()).orElseThrow().secretHash()).startsWith("$sha256$")
        .doesNotContain(t.secret().reveal());
  }

  @Test
  void adminRoleManagesTokensAndHostRolesWork() {
    try (TokenService s = TokenService.builder().store(new InMemoryTokenStore())
        .role(Role.of("SUPPORT", AccessGrants.of(Map.of("tickets", AccessLevel.FULL)))).build()) {
      String admin = s.issue(ADMIN, IssueRequest.builder("root", "ops").role("ADMIN").build()).secret().reveal();
      String support = s.issue(ADMIN, IssueRequest.builder("desk", "ops").role("SUPPORT")
          .access(Map.of("*", AccessLevel.READ)).build()).secret().reveal();
      assertThat(s.authenticate(admin, ANYWHERE).token().managesTokens()).isTrue();
      assertThat(s.authenticate(admin, AuthContext.of(null, "anything", AccessLevel.FULL)).isVerified()).isTrue();
      VerifiedToken sup = s.authenticate(support, ANYWHERE).token();
      // the token's own "*" grant overrides the role's grants
      assertThat(sup.accessTo("tickets")).isEqualTo(AccessLevel.READ);
      assertThat(sup.accessTo("orders")).isEqualTo(AccessLevel.READ);
    }
  }

  @Test
  void malformedTokensAreRejectedWithoutTouchingTheStore() {
    IssuedToken t = issue("ci");
    String raw = t.secret().reveal();
    int before = store.finds.get();
    for (String bad : new String[] {null, "", "Bearer " + raw, raw.substring(1), raw.toUpperCase(),
        raw.substring(0, raw.length() - 1) + (raw.endsWith("a") ? "b" : "a"), "x".repeat(10_000)}) {
      assertThat(service.authenticate(bad, ANYWHERE).reason()).isEqualTo(FailureReason.MALFORMED);
    }
    assertThat(store.finds.get()).isEqualTo(before);
  }

  @Test
  void unknownIdsAreNegativelyCached() {
    String unknown = TokenCodec.newToken("tk", TokenCodec.newId(new SecureRandom()), new SecureRandom());
    assertThat(service.authenticate(unknown, ANYWHERE).reason()).isEqualTo(FailureReason.UNKNOWN);
    assertThat(service.authenticate(unknown, ANYWHERE).reason()).isEqualTo(FailureReason.UNKNOWN);
    assertThat(store.finds.get()).isEqualTo(1);
  }

  @Test
  void aWrongSecretForAKnownIdIsInvalid() {
    IssuedToken t = issue("ci");
    assertThat(service.authenticate(t.secret().reveal(), ANYWHERE).isVerified()).isTrue();
    assertThat(service.authenticate(sameIdOtherSecret(t), ANYWHERE).reason()).isEqualTo(FailureReason.INVALID_SECRET);
  }

  @Test
  void repeatVerificationsAreServedFromTheCache() {
    String raw = issue("ci").secret().reveal();
    for (int i = 0; i < 50; i++) {
      assertThat(service.authenticate(raw, ANYWHERE).isVerified()).isTrue();
    }
    assertThat(store.finds.get()).isEqualTo(1);
  }

  // -------------------------------------------------------------- status, expiry, IPs

  @Test
  void disableEnableAndRevokeTakeEffectImmediately() {
    IssuedToken t = issue("ci");
    String id = t.token().id();
    String raw = t.secret().reveal();
    assertThat(service.authenticate(raw, ANYWHERE).isVerified()).isTrue();

    assertThat(service.disable(ADMIN, id).status()).isEqualTo(TokenStatus.DISABLED);
    assertThat(service.authenticate(raw, ANYWHERE).reason()).isEqualTo(FailureReason.DISABLED);
    assertThat(service.enable(ADMIN, id).status()).isEqualTo(TokenStatus.ACTIVE);
    assertThat(service.authenticate(raw, ANYWHERE).isVerified()).isTrue();
    assertThat(service.revoke(ADMIN, id).status()).isEqualTo(TokenStatus.REVOKED);
    assertThat(service.authenticate(raw, ANYWHERE).reason()).isEqualTo(FailureReason.REVOKED);
  }

  @Test
  void revokedTokensCannotComeBack() {
    String id = issue("ci").token().id();
    service.revoke(ADMIN, id);
    assertThatThrownBy(() -> service.enable(ADMIN, id)).isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("REVOKED").hasMessageContaining("issue a new token");
    assertThatThrownBy(() -> service.disable(ADMIN, id)).isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> service.rotate(ADMIN, id, null)).isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> service.regenerate(ADMIN, id, null)).isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> service.update(ADMIN, id, TokenUpdate.builder().name("x").build()))
        .isInstanceOf(IllegalTransitionException.class);
    assertThat(service.revoke(ADMIN, id).version()).isEqualTo(1); // idempotent, no new version
  }

  @Test
  void sameStateTransitionsChangeNothing() {
    String id = issue("ci").token().id();
    assertThat(service.enable(ADMIN, id).version()).isZero();
    service.disable(ADMIN, id);
    assertThat(service.disable(ADMIN, id).version()).isEqualTo(1);
  }

  @Test
  void tokensExpireWithTheClock() {
    IssuedToken t = service.issue(ADMIN, IssueRequest.builder("short", "alice").expiration(Expiration.months(3)).build());
    String raw = t.secret().reveal();
    assertThat(service.authenticate(raw, ANYWHERE).isVerified()).isTrue();
    clock.advance(Duration.ofDays(93));
    assertThat(service.authenticate(raw, ANYWHERE).reason()).isEqualTo(FailureReason.EXPIRED);
    assertThat(service.get(t.token().id()).status()).isEqualTo(TokenStatus.EXPIRED);
    assertThat(service.list(TokenQuery.all().withStatus(TokenStatus.EXPIRED)).items()).hasSize(1);
  }

  @Test
  void expiringWithinListsActiveTokensSoonestFirst() {
    service.issue(ADMIN, IssueRequest.builder("six", "a").build());
    service.issue(ADMIN, IssueRequest.builder("three", "a").expiration(Expiration.months(3)).build());
    service.issue(ADMIN, IssueRequest.builder("date", "a").expiration(Expiration.at(clock.instant().plus(Duration.ofDays(5)))).build());
    service.issue(ADMIN, IssueRequest.builder("never", "a").expiration(Expiration.never()).build());
    assertThat(service.expiringWithin(Duration.ofDays(100))).extracting(Token::name).containsExactly("date", "three");
    assertThat(service.expiringWithin(Duration.ofDays(7))).extracting(Token::name).containsExactly("date");
  }

  @Test
  void maximumLifetimeIsEnforcedOnIssueAndRegenerate() {
    try (TokenService s = TokenService.builder().store(new InMemoryTokenStore())
        .expiryPolicy(ExpiryPolicy.builder().maxLifetime(java.time.Period.ofMonths(6)).build()).build()) {
      assertThatThrownBy(() -> s.issue(ADMIN, IssueRequest.builder("n", "o").expiration(Expiration.never()).build()))
          .isInstanceOf(ExpiryPolicyException.class).hasMessageContaining("must expire");
      String id = s.issue(ADMIN, IssueRequest.builder("ok", "o").build()).token().id();
      assertThatThrownBy(() -> s.regenerate(ADMIN, id, Expiration.months(12))).isInstanceOf(ExpiryPolicyException.class);
    }
  }

  @Test
  void ipAllowListsAreEnforced() {
    IssuedToken t = service.issue(ADMIN, IssueRequest.builder("office", "alice")
        .allowedIps(List.of("203.0.113.0/24", "2001:db8::/32")).build());
    String raw = t.secret().reveal();
    assertThat(service.authenticate(raw, AuthContext.anyApi("203.0.113.9")).isVerified()).isTrue();
    assertThat(service.authenticate(raw, AuthContext.anyApi("2001:db8::5")).isVerified()).isTrue();
    assertThat(service.authenticate(raw, AuthContext.anyApi("198.51.100.1")).reason())
        .isEqualTo(FailureReason.IP_NOT_ALLOWED);
    assertThat(service.authenticate(raw, AuthContext.anyApi(null)).reason()).isEqualTo(FailureReason.IP_NOT_ALLOWED);
    assertThat(service.authenticate(raw, AuthContext.anyApi("garbage")).reason()).isEqualTo(FailureReason.IP_NOT_ALLOWED);
  }

  // -------------------------------------------------------------- rotation

  @Test
  void rotationKeepsIdAndGrantsAndKillsTheOldSecret() {
    IssuedToken t = service.issue(ADMIN, IssueRequest.builder("ci", "alice").access(Map.of("orders", AccessLevel.FULL)).build());
    String old = t.secret().reveal();
    assertThat(service.authenticate(old, ANYWHERE).isVerified()).isTrue();

    IssuedToken rotated = service.rotate(ADMIN, t.token().id(), null);

    assertThat(rotated.token().id()).isEqualTo(t.token().id());
    assertThat(rotated.token().access()).isEqualTo(t.token().access());
    assertThat(rotated.token().expiresAt()).isEqualTo(t.token().expiresAt());
    assertThat(rotated.secret().reveal()).isNotEqualTo(old).startsWith("tk_" + t.token().id());
    assertThat(service.authenticate(old, ANYWHERE).reason()).isEqualTo(FailureReason.INVALID_SECRET);
    assertThat(service.authenticate(rotated.secret().reveal(), AuthContext.of(null, "orders", AccessLevel.FULL))
        .isVerified()).isTrue();
  }

  @Test
  void duringAGracePeriodTheOldSecretWorksAndIsMarkedDeprecated() {
    IssuedToken t = issue("ci");
    String old = t.secret().reveal();
    IssuedToken rotated = service.rotate(ADMIN, t.token().id(), Duration.ofHours(1));

    AuthOutcome withOld = service.authenticate(old, ANYWHERE);
    assertThat(withOld.isVerified()).isTrue();
    assertThat(withOld.token().isDeprecatedSecret()).isTrue();
    assertThat(withOld.token().deprecatedUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    AuthOutcome withNew = service.authenticate(rotated.secret().reveal(), ANYWHERE);
    assertThat(withNew.token().isDeprecatedSecret()).isFalse();

    clock.advance(Duration.ofMinutes(61));
    assertThat(service.authenticate(old, ANYWHERE).reason()).isEqualTo(FailureReason.INVALID_SECRET);
    assertThat(service.authenticate(rotated.secret().reveal(), ANYWHERE).isVerified()).isTrue();
  }

  @Test
  void graceAboveTheMaximumIsRefused() {
    String id = issue("ci").token().id();
    assertThatThrownBy(() -> service.rotate(ADMIN, id, Duration.ofDays(31))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("graceSeconds");
    assertThatThrownBy(() -> service.rotate(ADMIN, id, Duration.ofSeconds(-1))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void regenerateGivesANewSecretAndANewExpiry() {
    IssuedToken t = issue("ci");
    clock.advance(Duration.ofDays(10));
    IssuedToken regenerated = service.regenerate(ADMIN, t.token().id(), Expiration.months(12));
    assertThat(regenerated.token().expiresAt()).isEqualTo(Instant.parse("2027-03-11T10:00:00Z"));
    assertThat(service.authenticate(t.secret().reveal(), ANYWHERE).reason()).isEqualTo(FailureReason.INVALID_SECRET);
    assertThat(service.authenticate(regenerated.secret().reveal(), ANYWHERE).isVerified()).isTrue();
  }

  @Test
  void regenerateRevivesAnExpiredToken() {
    IssuedToken t = service.issue(ADMIN, IssueRequest.builder("ci", "a").expiration(Expiration.months(3)).build());
    clock.advance(Duration.ofDays(120));
    assertThat(service.get(t.token().id()).status()).isEqualTo(TokenStatus.EXPIRED);
    IssuedToken again = service.regenerate(ADMIN, t.token().id(), null);
    assertThat(again.token().status()).isEqualTo(TokenStatus.ACTIVE);
    assertThat(service.authenticate(again.secret().reveal(), ANYWHERE).isVerified()).isTrue();
  }

  // -------------------------------------------------------------- edit, names, input

  @Test
  void namesAreUniquePerOwner() {
    issue("ci");
    assertThatThrownBy(() -> issue("ci")).isInstanceOf(DuplicateTokenException.class)
        .hasMessageContaining("Token already exists");
    service.issue(ADMIN, IssueRequest.builder("ci", "bob").build());
  }

  @Test
  void invalidInputListsEveryBadField() {
    IssueRequest bad = IssueRequest.builder(" ", "alice\u0000").role("GOD").access(Map.of("bad api!", AccessLevel.READ))
        .allowedIps(List.of("10.0.0.0/33", "example.com")).expiration(Expiration.months(7)).build();
    assertThatThrownBy(() -> service.issue(ADMIN, bad))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors())
            .containsKeys("name", "owner", "role", "access", "allowedIps", "expiration"));
    assertThat(store.delegate.list(TokenQuery.all(), clock.instant()).items()).isEmpty();
  }

  @Test
  void updateChangesOnlyTheGivenFieldsAndTakesEffectAtOnce() {
    IssuedToken t = service.issue(ADMIN, IssueRequest.builder("ci", "alice").role("ADMIN").description("d").build());
    String raw = t.secret().reveal();
    assertThat(service.authenticate(raw, AuthContext.of(null, "orders", AccessLevel.FULL)).isVerified()).isTrue();

    Token updated = service.update(ADMIN, t.token().id(), TokenUpdate.builder().name("deploy").role("READONLY")
        .allowedIps(List.of("198.51.100.0/24")).build());

    assertThat(updated.name()).isEqualTo("deploy");
    assertThat(updated.description()).isEqualTo("d");
    assertThat(updated.role()).isEqualTo("READONLY");
    assertThat(updated.version()).isEqualTo(1);
    assertThat(service.authenticate(raw, AuthContext.of("198.51.100.7", "orders", AccessLevel.FULL)).reason())
        .isEqualTo(FailureReason.INSUFFICIENT_ACCESS);
    assertThat(service.authenticate(raw, AuthContext.of("198.51.100.7", "orders", AccessLevel.READ)).isVerified()).isTrue();
  }

  @Test
  void unknownIdsAreNotFound() {
    assertThatThrownBy(() -> service.get("nope000000000000")).isInstanceOf(TokenNotFoundException.class);
    assertThatThrownBy(() -> service.revoke(ADMIN, "nope000000000000")).isInstanceOf(TokenNotFoundException.class);
    assertThatThrownBy(() -> service.delete(ADMIN, "nope000000000000")).isInstanceOf(TokenNotFoundException.class);
    assertThat(service.find("nope000000000000")).isEmpty();
  }

  @Test
  void revokeAllRevokesEveryTokenOfTheOwnerOnly() {
    List<String> raws = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      raws.add(issue("t" + i).secret().reveal());
    }
    String bobs = service.issue(ADMIN, IssueRequest.builder("b", "bob").build()).secret().reveal();
    service.revoke(ADMIN, service.list(TokenQuery.all().withOwner("alice").withLimit(1)).items().get(0).id());

    assertThat(service.revokeAll(ADMIN, "alice")).isEqualTo(4);
    for (String raw : raws) {
      assertThat(service.authenticate(raw, ANYWHERE).reason()).isEqualTo(FailureReason.REVOKED);
    }
    assertThat(service.authenticate(bobs, ANYWHERE).isVerified()).isTrue();
    assertThat(service.revokeAll(ADMIN, "alice")).isZero();
  }

  @Test
  void deleteRemovesTheTokenButKeepsItsAudit() {
    IssuedToken t = issue("ci");
    service.delete(ADMIN, t.token().id());
    assertThat(service.authenticate(t.secret().reveal(), ANYWHERE).reason()).isEqualTo(FailureReason.UNKNOWN);
    assertThat(service.audit(AuditQuery.all().withTokenId(t.token().id())).items()).extracting(AuditEvent::type)
        .containsExactly(AuditEventType.DELETED, AuditEventType.ISSUED);
  }

  // -------------------------------------------------------------- audit, last use

  @Test
  void everyManagementCallIsAuditedWithItsActor() {
    String id = issue("ci").token().id();
    service.update(ADMIN, id, TokenUpdate.builder().description("x").build());
    service.rotate(ADMIN, id, Duration.ofMinutes(5));
    service.regenerate(ADMIN, id, Expiration.months(3));
    service.disable(ADMIN, id);
    service.enable(ADMIN, id);
    service.revoke(ADMIN, id);

    List<AuditEvent> events = service.audit(AuditQuery.all().withTokenId(id)).items();
    assertThat(events).extracting(AuditEvent::type).containsExactly(AuditEventType.REVOKED, AuditEventType.ENABLED,
        AuditEventType.DISABLED, AuditEventType.REGENERATED, AuditEventType.ROTATED, AuditEventType.UPDATED,
        AuditEventType.ISSUED);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.actor()).isEqualTo("admin@example.com");
      assertThat(e.actorIp()).isEqualTo("192.0.2.1");
      assertThat(e.tokenId()).isEqualTo(id);
    });
    assertThat(heard).hasSize(7);
  }

  @Test
  void authenticationFailuresOfKnownTokensAreAuditedAtMostOncePerMinute() {
    IssuedToken t = issue("ci");
    for (int i = 0; i < 5; i++) {
      service.authenticate(sameIdOtherSecret(t), AuthContext.anyApi("203.0.113.66"));
    }
    List<AuditEvent> failures = authenticationFailures(t);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0).detail()).isEqualTo("INVALID_SECRET");
    assertThat(failures.get(0).actorIp()).isEqualTo("203.0.113.66");
    assertThat(failures.get(0).at()).isEqualTo(clock.instant());

    clock.advance(Duration.ofSeconds(59));
    service.authenticate(sameIdOtherSecret(t), ANYWHERE);
    assertThat(authenticationFailures(t)).as("59 s later: still within the minute").hasSize(1);

    clock.advance(Duration.ofSeconds(2));
    service.authenticate(sameIdOtherSecret(t), ANYWHERE);
    service.authenticate(sameIdOtherSecret(t), ANYWHERE);
    assertThat(authenticationFailures(t)).as("61 s after the first: the next minute's one event")
        .extracting(AuditEvent::at).containsExactly(clock.instant(), clock.instant().minusSeconds(61));

    service.disable(ADMIN, t.token().id());
    service.authenticate(t.secret().reveal(), ANYWHERE);
    assertThat(authenticationFailures(t)).as("another reason is recorded within the same minute")
        .extracting(AuditEvent::detail).containsExactly("DISABLED", "INVALID_SECRET", "INVALID_SECRET");
  }

  private List<AuditEvent> authenticationFailures(IssuedToken t) {
    return service.audit(AuditQuery.all().withTokenId(t.token().id())).items().stream()
        .filter(e -> e.type() == AuditEventType.AUTHENTICATION_FAILED).toList();
  }

  @Test
  void lastUseIsWrittenBehindOncePerTokenPerFlush() {
    List<String> raws = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      raws.add(issue("t" + i).secret().reveal());
    }
    String id0 = service.list(TokenQuery.all()).items().get(2).id();
    assertThat(service.get(id0).lastUsedAt()).isNull();
    for (int round = 0; round < 100; round++) {
      for (String raw : raws) {
        service.authenticate(raw, AuthContext.anyApi("198.51.100." + (round % 5)));
      }
      clock.advance(Duration.ofMillis(1));
    }
    assertThat(service.flushLastUse()).isEqualTo(3);
    assertThat(store.lastUseBatchSizes).containsExactly(3);
    Token used = store.delegate.findById(id0).orElseThrow().token();
    assertThat(used.lastUsedAt()).isEqualTo(clock.instant().minusMillis(1));
    assertThat(used.lastUsedIp()).isEqualTo("198.51.100.4");
    assertThat(service.flushLastUse()).isZero();
  }

  @Test
  void pendingLastUseIsVisibleBeforeTheFlushAndFlushedOnClose() {
    RecordingStore s = new RecordingStore();
    TokenService svc = TokenService.builder().store(s).clock(clock).build();
    IssuedToken t = svc.issue(ADMIN, IssueRequest.builder("ci", "a").build());
    svc.authenticate(t.secret().reveal(), ANYWHERE);
    assertThat(svc.get(t.token().id()).lastUsedAt()).isEqualTo(clock.instant());
    assertThat(s.delegate.findById(t.token().id()).orElseThrow().token().lastUsedAt()).isNull();
    svc.close();
    assertThat(s.delegate.findById(t.token().id()).orElseThrow().token().lastUsedAt()).isEqualTo(clock.instant());
  }

  // -------------------------------------------------------------- store outage, multi-instance, races

  @Test
  void whenTheStoreIsDownCachedTokensKeepWorkingAndOthersGetStoreUnavailable() {
    String cached = issue("cached").secret().reveal();
    String uncached = issue("uncached").secret().reveal();
    assertThat(service.authenticate(cached, ANYWHERE).isVerified()).isTrue();

    store.down.set(true);

    assertThat(service.authenticate(cached, ANYWHERE).isVerified()).isTrue();
    assertThat(service.authenticate(uncached, ANYWHERE).reason()).isEqualTo(FailureReason.STORE_UNAVAILABLE);
    assertThatThrownBy(() -> issue("new")).isInstanceOf(StoreUnavailableException.class);
    store.down.set(false);
    assertThat(service.authenticate(uncached, ANYWHERE).isVerified()).isTrue();
  }

  @Test
  void aChangeThroughOneInstanceIsSeenByAnotherSharingTheStore() {
    try (TokenService nodeB = TokenService.builder().store(store.delegate).clock(clock).build()) {
      IssuedToken t = issue("shared");
      String raw = t.secret().reveal();
      assertThat(nodeB.authenticate(raw, ANYWHERE).isVerified()).isTrue();
      service.revoke(ADMIN, t.token().id());
      assertThat(nodeB.authenticate(raw, ANYWHERE).reason()).isEqualTo(FailureReason.REVOKED);
    }
  }

  @Test
  void aCacheFillThatReadBeforeARevokeCannotResurrectTheToken() throws Exception {
    IssuedToken t = issue("racy");
    String raw = t.secret().reveal();
    CountDownLatch readDone = new CountDownLatch(1);
    CountDownLatch revokeDone = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    store.afterRead = read -> {
      if (first.getAndSet(false)) {
        assertThat(read.orElseThrow().token().status()).isEqualTo(TokenStatus.ACTIVE);
        readDone.countDown();
        try {
          revokeDone.await(10, TimeUnit.SECONDS); // hold the stale row while the revoke happens
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    CompletableFuture<AuthOutcome> racing = CompletableFuture.supplyAsync(() -> service.authenticate(raw, ANYWHERE));
    assertThat(readDone.await(10, TimeUnit.SECONDS)).isTrue();
    service.revoke(ADMIN, t.token().id());
    revokeDone.countDown();

    assertThat(racing.get(10, TimeUnit.SECONDS).reason()).isEqualTo(FailureReason.REVOKED);
    assertThat(service.authenticate(raw, ANYWHERE).reason()).isEqualTo(FailureReason.REVOKED);
    assertThat(store.finds.get()).as("the stale read was retried").isGreaterThanOrEqualTo(2);
  }

  // -------------------------------------------------------------- builder

  @Test
  void theBuilderExplainsMissingOrBadSettings() {
    assertThatThrownBy(() -> TokenService.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("InMemoryTokenStore");
    assertThatThrownBy(() -> TokenService.builder().cacheTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cacheTtl");
    assertThatThrownBy(() -> TokenService.builder().failureThrottle(0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
