package dev.tokenkit;

import dev.tokenkit.testsupport.RecordingStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.internal.hash.Argon2idHasher;
import dev.tokenkit.testkit.LeakCanary;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Canary over a broad scenario: every raw token, secret part, pepper and stored hash is registered with a
 * {@link LeakCanary}, everything runs with TRACE logging, and no log event, exception message or
 * {@code toString()} may contain any of them.
 */
class SecretLeakCanaryTest {
  private static final Actor ADMIN = Actor.of("admin");

  @Test
  void noSecretEverAppearsInLogsExceptionsOrToString() {
    RecordingStore store = new RecordingStore();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    byte[] pepper = new byte[32];
    new SecureRandom().nextBytes(pepper);
    try (LeakCanary canary = LeakCanary.start()) {
      canary.registerSecretBytes(pepper);
      try (TokenService service = TokenService.builder().store(store).clock(clock).cacheTtl(Duration.ofMillis(1))
          .pepper("k1", pepper).failureThrottle(2, Duration.ofMinutes(1)).build()) {
        scenario(service, store, clock, canary);
        canary.inspect("TokenService.toString", service);
      }
      assertThat(canary.events()).as("the scenario logs something at some level").isNotEmpty();
      assertThat(canary.registeredCount()).isGreaterThan(10);
      canary.assertNoLeaks();
    }
  }

  @Test
  void argon2HashedTokensDoNotLeakEither() {
    RecordingStore store = new RecordingStore();
    try (LeakCanary canary = LeakCanary.start();
        TokenService service = TokenService.builder().store(store).hasher(new Argon2idHasher(1, 64, 1)).build()) {
      IssuedToken t = canary.register(service.issue(ADMIN, IssueRequest.builder("legacy", "bob").build()));
      canary.inspect("outcome", service.authenticate(t.secret().reveal(), AuthContext.anyApi("10.0.0.1")));
      canary.inspect("outcome", service.authenticate(canary.registerSecret(otherSecretFor(t)),
          AuthContext.anyApi("10.0.0.1")));
      canary.registerHashes(store.delegate.findById(t.token().id()).orElseThrow());
      canary.inspect("stored", store.delegate.findById(t.token().id()).orElseThrow());
      canary.assertNoLeaks();
    }
  }

  private static String otherSecretFor(IssuedToken t) {
    return TokenCodec.newToken("tk", t.token().id(), new SecureRandom());
  }

  private static void scenario(TokenService service, RecordingStore store, MutableClock clock, LeakCanary canary) {
    IssuedToken t = canary.register(service.issue(ADMIN, IssueRequest.builder("canary", "alice")
        .access(Map.of("orders", AccessLevel.READ)).allowedIps(List.of("10.0.0.0/8")).build()));
    String raw = t.secret().reveal();
    String id = t.token().id();
    canary.inspect("outcome", service.authenticate(raw, AuthContext.of("10.1.1.1", "orders", AccessLevel.READ)));
    canary.inspect("outcome", service.authenticate(raw, AuthContext.of("10.1.1.1", "orders", AccessLevel.FULL)));
    canary.inspect("outcome", service.authenticate(raw, AuthContext.of("192.0.2.1", "orders", AccessLevel.READ)));
    for (int i = 0; i < 4; i++) { // wrong secrets for a known id: INVALID_SECRET, audit, then throttling
      canary.inspect("outcome", service.authenticate(canary.registerSecret(otherSecretFor(t)),
          AuthContext.anyApi("10.0.0.1")));
    }
    canary.inspect("outcome", service.authenticate(raw.substring(0, raw.length() - 1), AuthContext.anyApi(null)));
    canary.inspect("outcome", service.authenticate(raw + raw, AuthContext.anyApi("10.0.0.1")));

    IssuedToken rotated = canary.register(service.rotate(ADMIN, id, Duration.ofMinutes(5)));
    canary.registerHashes(store.delegate.findById(id).orElseThrow()); // current and grace-period hashes
    canary.inspect("outcome", service.authenticate(raw, AuthContext.anyApi("10.0.0.1")));
    canary.inspect("outcome", service.authenticate(rotated.secret().reveal(), AuthContext.anyApi("10.0.0.1")));
    IssuedToken regenerated = canary.register(service.regenerate(ADMIN, id, Expiration.months(3)));
    canary.inspect("token", service.update(ADMIN, id, TokenUpdate.builder().description("rotated twice").build()));

    canary.attempt(() -> service.enable(ADMIN, id));
    canary.attempt(() -> service.issue(ADMIN, IssueRequest.builder("canary", "alice").build()));
    canary.attempt(() -> service.issue(ADMIN, IssueRequest.builder(raw, "alice").allowedIps(List.of(raw)).build()));
    canary.attempt(() -> service.update(ADMIN, id, TokenUpdate.builder().name(raw).allowedIps(List.of(raw)).build()));
    canary.attempt(() -> service.get(raw));
    canary.attempt(() -> service.revoke(ADMIN, raw));
    canary.attempt(() -> service.format().idOf(raw + "x"));
    canary.attempt(() -> service.list(TokenQuery.all().withOwner(raw)));
    canary.attempt(() -> service.rotate(ADMIN, id, Duration.ofDays(10_000)));

    store.down.set(true);
    canary.inspect("outcome", service.authenticate(regenerated.secret().reveal(), AuthContext.anyApi("10.0.0.1")));
    canary.attempt(() -> service.revoke(ADMIN, id));
    canary.attempt(service::flushLastUse);
    store.down.set(false);

    IssuedToken second = canary.register(service.issue(ADMIN, IssueRequest.builder("second", "alice").build()));
    service.disable(ADMIN, second.token().id());
    canary.inspect("outcome", service.authenticate(second.secret().reveal(), AuthContext.anyApi("10.0.0.1")));
    clock.advance(Duration.ofDays(400));
    canary.inspect("outcome", service.authenticate(regenerated.secret().reveal(), AuthContext.anyApi("10.0.0.1")));
    service.revokeAll(ADMIN, "alice");
    canary.inspect("outcome", service.authenticate(regenerated.secret().reveal(), AuthContext.anyApi("10.0.0.1")));
    canary.registerHashes(store.delegate.findById(id).orElseThrow());
    canary.inspect("stored", store.delegate.findById(id).orElseThrow());
    canary.inspect("audit", service.audit(AuditQuery.all()));
    canary.inspect("list", service.list(TokenQuery.all()));
    service.delete(ADMIN, second.token().id());
    canary.attempt(() -> service.get(second.token().id()));
    canary.inspect("audit after delete", service.audit(AuditQuery.all()));
  }
}
