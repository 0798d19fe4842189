package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free hot path of issue 14 decides exactly as the full check did: what it skips on a
 * digest-matching cache hit (checksum, alphabet) cannot let a different string through, expiry and grace periods
 * are exact to the millisecond, access comes from the hash lookup, and last uses are kept per token.
 */
class HotPathTest {
  private static final Actor ADMIN = Actor.of("admin");
  private static final AuthContext ORDERS_READ = AuthContext.of("198.51.100.7", "orders", AccessLevel.READ);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final TokenService service = TokenService.builder().store(store).clock(clock).build();

  @AfterEach
  void close() {
    service.close();
  }

  private IssuedToken issue(String name, Expiration expiration) {
    return service.issue(ADMIN, IssueRequest.builder(name, "alice").role("READONLY").expiration(expiration).build());
  }

  @Test
  void aWideCharacterWhoseLowByteSpellsACachedTokenIsMalformed() {
    String raw = issue("wide", Expiration.never()).secret().reveal();
    assertThat(service.authenticate(raw, ORDERS_READ).isVerified()).isTrue(); // cached now
    int i = raw.length() - 10; // inside the secret
    char c = raw.charAt(i);
    for (char wide : new char[] {(char) (c + 0x100), (char) (c + 0x80), (char) (c | 0xff00)}) {
      String lookalike = raw.substring(0, i) + wide + raw.substring(i + 1);
      assertThat(service.authenticate(lookalike, ORDERS_READ).reason()).as("U+%04X", (int) wide)
          .isEqualTo(FailureReason.MALFORMED);
    }
    assertThat(service.authenticate(raw, ORDERS_READ).isVerified()).isTrue();
  }

  @Test
  void aCachedIdWithABrokenChecksumOrAlphabetIsMalformedNotInvalid() {
    String raw = issue("crc", Expiration.never()).secret().reveal();
    assertThat(service.authenticate(raw, ORDERS_READ).isVerified()).isTrue();
    char last = raw.charAt(raw.length() - 1);
    String badChecksum = raw.substring(0, raw.length() - 1) + (last == 'A' ? 'B' : 'A');
    String badAlphabet = raw.substring(0, raw.length() - 10) + '-' + raw.substring(raw.length() - 9);
    assertThat(service.authenticate(badChecksum, ORDERS_READ).reason()).isEqualTo(FailureReason.MALFORMED);
    assertThat(service.authenticate(badAlphabet, ORDERS_READ).reason()).isEqualTo(FailureReason.MALFORMED);
    assertThat(service.authenticate(raw.substring(1), ORDERS_READ).reason()).isEqualTo(FailureReason.MALFORMED);
    assertThat(service.authenticate(null, ORDERS_READ).reason()).isEqualTo(FailureReason.MALFORMED);
  }

  @Test
  void expiryIsExactToTheMillisecondOnACachedToken() {
    Instant at = clock.instant().plus(Duration.ofDays(1));
    String raw = issue("exp", Expiration.at(at)).secret().reveal();
    assertThat(service.authenticate(raw, ORDERS_READ).isVerified()).isTrue();
    clock.advance(Duration.ofDays(1).minusMillis(1));
    assertThat(service.authenticate(raw, ORDERS_READ).isVerified()).isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(service.authenticate(raw, ORDERS_READ).reason()).isEqualTo(FailureReason.EXPIRED);
  }

  @Test
  void theOldSecretWorksUntilTheLastMillisecondOfItsGracePeriod() {
    IssuedToken t = issue("grace", Expiration.never());
    String old = t.secret().reveal();
    assertThat(service.authenticate(old, ORDERS_READ).isVerified()).isTrue();
    String fresh = service.rotate(ADMIN, t.token().id(), Duration.ofMinutes(5)).secret().reveal();
    assertThat(service.authenticate(old, ORDERS_READ).token().isDeprecatedSecret()).isTrue();
    assertThat(service.authenticate(fresh, ORDERS_READ).token().isDeprecatedSecret()).isFalse();
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(service.authenticate(old, ORDERS_READ).isVerified()).isTrue(); // cached previous digest
    clock.advance(Duration.ofMillis(1));
    assertThat(service.authenticate(old, ORDERS_READ).reason()).isEqualTo(FailureReason.INVALID_SECRET);
    assertThat(service.authenticate(fresh, ORDERS_READ).isVerified()).isTrue();
  }

  @Test
  void accessComesFromTheRoleAndTheTokensOwnGrants() {
    String raw = service.issue(ADMIN, IssueRequest.builder("grants", "alice").role("READONLY")
        .access(Map.of("orders", AccessLevel.FULL, "billing", AccessLevel.NONE)).build()).secret().reveal();
    assertThat(service.authenticate(raw, AuthContext.of(null, "orders", AccessLevel.FULL)).isVerified()).isTrue();
    assertThat(service.authenticate(raw, AuthContext.of(null, "reports", AccessLevel.READ)).isVerified()).isTrue();
    assertThat(service.authenticate(raw, AuthContext.of(null, "reports", AccessLevel.FULL)).reason())
        .isEqualTo(FailureReason.INSUFFICIENT_ACCESS);
    assertThat(service.authenticate(raw, AuthContext.of(null, "billing", AccessLevel.READ)).reason())
        .isEqualTo(FailureReason.INSUFFICIENT_ACCESS);
    assertThat(service.authenticate(raw, AuthContext.of(null, "billing", null)).isVerified()).isTrue();
  }

  @Test
  void theLatestUseIsShownBeforeAndStoredAfterAFlushAndUsesAfterAChangeAreStillRecorded() {
    IssuedToken t = issue("uses", Expiration.never());
    String raw = t.secret().reveal();
    String id = t.token().id();
    service.authenticate(raw, AuthContext.anyApi("198.51.100.7"));
    clock.advance(Duration.ofSeconds(1));
    Instant second = clock.instant();
    service.authenticate(raw, AuthContext.anyApi("203.0.113.9"));
    assertThat(service.get(id).lastUsedAt()).isEqualTo(second);
    assertThat(service.get(id).lastUsedIp()).isEqualTo("203.0.113.9");
    assertThat(service.flushLastUse()).isEqualTo(1);
    assertThat(store.findById(id).orElseThrow().token().lastUsedAt()).isEqualTo(second);
    assertThat(service.flushLastUse()).isZero();

    // a change replaces the cache entry (and its last-use slot); uses of the new entry are recorded as before
    service.update(ADMIN, id, TokenUpdate.builder().description("changed").build());
    clock.advance(Duration.ofSeconds(1));
    Instant third = clock.instant();
    service.authenticate(raw, AuthContext.anyApi("203.0.113.9"));
    assertThat(service.flushLastUse()).isEqualTo(1);
    assertThat(store.findById(id).orElseThrow().token().lastUsedAt()).isEqualTo(third);
    clock.advance(Duration.ofSeconds(1));
    service.authenticate(raw, AuthContext.anyApi("203.0.113.9"));
    assertThat(service.flushLastUse()).isEqualTo(1);
    assertThat(store.findById(id).orElseThrow().token().lastUsedAt()).isEqualTo(clock.instant());
  }
}
