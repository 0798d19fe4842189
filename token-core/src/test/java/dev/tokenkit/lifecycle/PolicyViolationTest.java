package dev.tokenkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.Expiration;
import dev.tokenkit.ExpiryPolicy;
import dev.tokenkit.FailureReason;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.MutableClock;
import dev.tokenkit.TokenService;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stricter expiry policy applies to tokens issued before it: they are blocked, not revoked, until regenerated. */
class PolicyViolationTest {
  private static final Actor ADMIN = Actor.of("admin");
  private static final AuthContext ORDERS = AuthContext.of("127.0.0.1", "orders", AccessLevel.READ);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final InMemoryTokenStore store = new InMemoryTokenStore();

  private TokenService service(ExpiryPolicy policy) {
    return TokenService.builder().store(store).clock(clock).expiryPolicy(policy).lifecycleInterval(null).build();
  }

  private static IssueRequest request(String name, Expiration e) {
    return IssueRequest.builder(name, "alice").access(Map.of("orders", AccessLevel.READ)).expiration(e).build();
  }

  @Test
  void forbiddingNeverBlocksNeverExpiringTokensUntilRegenerated() {
    IssuedToken legacy;
    try (TokenService before = service(ExpiryPolicy.defaults())) {
      legacy = before.issue(ADMIN, request("legacy", Expiration.never()));
      assertThat(before.authenticate(legacy.secret().reveal(), ORDERS).isVerified()).isTrue();
    }
    try (TokenService after = service(ExpiryPolicy.builder().allowNever(false).build())) {
      assertThat(after.authenticate(legacy.secret().reveal(), ORDERS).reason()).isEqualTo(FailureReason.POLICY_VIOLATION);
      var token = after.get(legacy.token().id());
      assertThat(token.status()).isEqualTo(TokenStatus.ACTIVE); // blocked, not revoked
      assertThat(after.blockedReason(token)).isEqualTo(FailureReason.POLICY_VIOLATION);

      IssuedToken renewed = after.regenerate(ADMIN, token.id(), Expiration.months(3));
      assertThat(after.blockedReason(renewed.token())).isNull();
      assertThat(after.authenticate(renewed.secret().reveal(), ORDERS).isVerified()).isTrue();
    }
  }

  @Test
  void loweringTheMaximumLifetimeBlocksTokensThatWouldLiveLonger() {
    IssuedToken yearLong;
    IssuedToken monthLong; // three months: within the new maximum
    try (TokenService before = service(ExpiryPolicy.defaults())) {
      yearLong = before.issue(ADMIN, request("year", Expiration.months(12)));
      monthLong = before.issue(ADMIN, request("month", Expiration.months(3)));
    }
    ExpiryPolicy strict = ExpiryPolicy.builder().choices(Expiration.months(1), Expiration.months(3))
        .defaultChoice(Expiration.months(3)).maxLifetime(Period.ofMonths(3)).build();
    try (TokenService after = service(strict)) {
      assertThat(after.authenticate(yearLong.secret().reveal(), ORDERS).reason())
          .isEqualTo(FailureReason.POLICY_VIOLATION);
      assertThat(after.authenticate(monthLong.secret().reveal(), ORDERS).isVerified()).isTrue();
      assertThat(strict.isExceededBy(yearLong.token().expiresAt(), clock.instant())).isTrue();
      // once only three months are left, the year-long token is within the policy again
      clock.advance(Duration.ofDays(280));
      assertThat(strict.isExceededBy(yearLong.token().expiresAt(), clock.instant())).isFalse();
      assertThat(after.blockedReason(after.get(yearLong.token().id()))).isNull();
    }
  }
}
