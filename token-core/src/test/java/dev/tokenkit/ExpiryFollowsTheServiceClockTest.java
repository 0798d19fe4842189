package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.testkit.RecordingStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The verification cache, the negative cache and the failure-throttle window live on the service's injected clock:
 * moving a fake clock expires them, with no sleeping. (With the system ticker these tests fail: nothing would expire
 * within the test's real milliseconds.)
 */
class ExpiryFollowsTheServiceClockTest {
  private static final Actor ADMIN = Actor.of("admin");
  private static final AuthContext ANYWHERE = AuthContext.anyApi("198.51.100.7");

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final RecordingStore store = new RecordingStore();

  private TokenService.Builder service() {
    return TokenService.builder().store(store).clock(clock);
  }

  @Test
  void aVerifiedTokenIsServedFromTheCacheUntilTheCacheTtlHasPassedOnTheClock() {
    try (TokenService service = service().cacheTtl(Duration.ofSeconds(30)).build()) {
      String raw = service.issue(ADMIN, IssueRequest.builder("ci", "alice").build()).secret().reveal();
      assertThat(service.authenticate(raw, ANYWHERE).isVerified()).isTrue();
      assertThat(store.finds.get()).isEqualTo(1);

      clock.advance(Duration.ofSeconds(29));
      assertThat(service.authenticate(raw, ANYWHERE).isVerified()).isTrue();
      assertThat(store.finds.get()).as("29 s: still cached").isEqualTo(1);

      clock.advance(Duration.ofSeconds(2));
      assertThat(service.authenticate(raw, ANYWHERE).isVerified()).isTrue();
      assertThat(store.finds.get()).as("31 s: the entry expired, the store is read again").isEqualTo(2);
    }
  }

  @Test
  void anUnknownIdIsRememberedForTheNegativeTtlOnTheClock() {
    String unknown = TokenCodec.newToken("tk", TokenCodec.newId(new SecureRandom()), new SecureRandom());
    try (TokenService service = service().negativeCacheTtl(Duration.ofSeconds(5)).build()) {
      assertThat(service.authenticate(unknown, ANYWHERE).reason()).isEqualTo(FailureReason.UNKNOWN);
      clock.advance(Duration.ofSeconds(4));
      assertThat(service.authenticate(unknown, ANYWHERE).reason()).isEqualTo(FailureReason.UNKNOWN);
      assertThat(store.finds.get()).as("4 s: answered from the negative cache").isEqualTo(1);

      clock.advance(Duration.ofSeconds(2));
      assertThat(service.authenticate(unknown, ANYWHERE).reason()).isEqualTo(FailureReason.UNKNOWN);
      assertThat(store.finds.get()).as("6 s: looked up again").isEqualTo(2);
    }
  }

  @Test
  void theFailureThrottleWindowOfAnExpensiveHasherEndsOnTheClock() {
    CountingHasher expensive = new CountingHasher(SecretHashers.sha256()); // cost undeclared: expensive
    try (TokenService service = service().hasher(expensive).failureThrottle(2, Duration.ofMinutes(1)).build()) {
      IssuedToken t = service.issue(ADMIN, IssueRequest.builder("slow", "alice").build());
      String wrong = TokenCodec.newToken("tk", t.token().id(), new SecureRandom());
      for (int i = 0; i < 5; i++) {
        service.authenticate(wrong, ANYWHERE);
      }
      assertThat(expensive.verifications.get()).as("throttled after 2 failures").isEqualTo(2);

      clock.advance(Duration.ofSeconds(59));
      service.authenticate(wrong, ANYWHERE);
      assertThat(expensive.verifications.get()).as("59 s: still within the window").isEqualTo(2);

      clock.advance(Duration.ofSeconds(2));
      assertThat(service.authenticate(t.secret().reveal(), ANYWHERE).isVerified())
          .as("61 s: the window is over and the right secret is checked again").isTrue();
      assertThat(expensive.verifications.get()).isEqualTo(3);
    }
  }
}
