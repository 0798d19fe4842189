package dev.tokenkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.MutableClock;
import dev.tokenkit.TokenService;
import dev.tokenkit.VerifiedToken;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.RateLimiter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final TokenService tokens = TokenService.builder().store(new InMemoryTokenStore()).clock(clock).build();

  @AfterEach
  void close() {
    tokens.close();
  }

  private VerifiedToken verified(String name, String owner, String role) {
    IssueRequest.Builder b = IssueRequest.builder(name, owner).access(Map.of("orders", AccessLevel.FULL));
    if (role != null) {
      b.role(role);
    }
    String raw = tokens.issue(Actor.of("admin"), b.build()).secret().reveal();
    return tokens.authenticate(raw, AuthContext.of("127.0.0.1", "orders", AccessLevel.READ)).token();
  }

  @Test
  void perTokenLimitsAreSeparateAndPerOwnerLimitIsShared() {
    RateLimits limits = RateLimits.builder(InMemoryRateLimiter.withClock(clock))
        .perToken(RateLimit.perMinute(2)).perOwner(RateLimit.perMinute(3)).build();
    VerifiedToken a1 = verified("a1", "alice", null);
    VerifiedToken a2 = verified("a2", "alice", null);
    assertThat(limits.check(a1).allowed()).isTrue();
    assertThat(limits.check(a1).allowed()).isTrue();
    RateLimitResult tokenRefused = limits.check(a1);
    assertThat(tokenRefused.allowed()).isFalse();
    assertThat(tokenRefused.checks()).extracting(RateLimitResult.Check::policy).containsExactly("token");
    assertThat(tokenRefused.retryAfterSeconds()).isEqualTo(30);
    // a2 has its own token bucket, but alice's shared bucket has one unit left
    assertThat(limits.check(a2).allowed()).isTrue();
    RateLimitResult ownerRefused = limits.check(a2);
    assertThat(ownerRefused.allowed()).isFalse();
    assertThat(ownerRefused.checks()).extracting(RateLimitResult.Check::policy).containsExactly("token", "owner");
    assertThat(ownerRefused.checks().get(0).decision().allowed()).isTrue();
    assertThat(ownerRefused.checks().get(1).decision().allowed()).isFalse();
  }

  @Test
  void perTokenChoiceCanExemptTokens() {
    RateLimits limits = RateLimits.builder(InMemoryRateLimiter.withClock(clock))
        .perToken(t -> "ADMIN".equals(t.role()) ? null : RateLimit.perMinute(1)).build();
    VerifiedToken admin = verified("root", "root", "ADMIN");
    VerifiedToken plain = verified("p", "bob", null);
    for (int i = 0; i < 5; i++) {
      assertThat(limits.check(admin)).isSameAs(RateLimitResult.NONE);
    }
    assertThat(limits.check(plain).allowed()).isTrue();
    assertThat(limits.check(plain).allowed()).isFalse();
  }

  @Test
  void aFailingLimiterLetsRequestsThrough() {
    RateLimiter broken = (key, limit) -> {
      throw new IllegalStateException("database down");
    };
    RateLimits limits = RateLimits.builder(broken).perToken(RateLimit.perMinute(1)).build();
    VerifiedToken t = verified("x", "carol", null);
    assertThat(limits.check(t).allowed()).isTrue();
    assertThat(limits.check(t).allowed()).isTrue();
  }

  @Test
  void aChangedLimitStartsAFreshBucket() {
    assertThat(RateLimits.keyOf("t:", "abc", RateLimit.perMinute(100))).isEqualTo("t:abc|100/60");
    assertThat(RateLimits.keyOf("t:", "abc", RateLimit.perMinute(5))).isNotEqualTo(
        RateLimits.keyOf("t:", "abc", RateLimit.perMinute(100)));
  }

  @Test
  void needsALimit() {
    assertThatThrownBy(() -> RateLimits.builder(InMemoryRateLimiter.create()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("perToken");
  }
}
