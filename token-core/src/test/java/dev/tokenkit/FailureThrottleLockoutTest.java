package dev.tokenkit;

import dev.tokenkit.testkit.RecordingStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.internal.TokenCodec;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Regression: the per-id failure throttle refused the <em>right</em> secret too whenever the token was not warm in
 * the cache (after a rotation, a cache expiry, a restart, or on another node). Token ids are public, so anyone could
 * lock a client out by sending wrong secrets for its id. The throttle exists to stop a slow hasher from being
 * turned into a CPU attack; for cheap hashers (the built-in SHA-256 and HMAC-SHA256, or a host's own hasher whose
 * {@code isExpensiveToVerify()} is false) it never blocks a check.
 */
class FailureThrottleLockoutTest {
  private static final Actor ADMIN = Actor.of("admin");
  private static final AuthContext ANYWHERE = AuthContext.anyApi("198.51.100.7");

  private static String wrongSecretFor(IssuedToken t) {
    return TokenCodec.newToken("tk", t.token().id(), new SecureRandom());
  }

  @Test
  void wrongSecretsForAKnownIdDoNotLockOutTheRightSecretWithAFastHasher() {
    try (TokenService service = TokenService.builder().store(new RecordingStore())
        .failureThrottle(3, Duration.ofMinutes(1)).build()) {
      IssuedToken victim = service.issue(ADMIN, IssueRequest.builder("victim", "alice").build());
      for (int i = 0; i < 10; i++) {
        assertThat(service.authenticate(wrongSecretFor(victim), ANYWHERE).reason())
            .isEqualTo(FailureReason.INVALID_SECRET);
      }
      assertThat(service.authenticate(victim.secret().reveal(), ANYWHERE).isVerified())
          .as("the right secret still verifies although the id has had 10 failures").isTrue();
    }
  }

  @Test
  void aRotatedSecretIsNotLockedOutByFailuresOnItsId() {
    try (TokenService service = TokenService.builder().store(new RecordingStore())
        .failureThrottle(3, Duration.ofMinutes(1)).build()) {
      IssuedToken victim = service.issue(ADMIN, IssueRequest.builder("victim", "alice").build());
      for (int i = 0; i < 5; i++) {
        service.authenticate(wrongSecretFor(victim), ANYWHERE);
      }
      IssuedToken rotated = service.rotate(ADMIN, victim.token().id(), null);
      assertThat(service.authenticate(rotated.secret().reveal(), ANYWHERE).isVerified()).isTrue();
    }
  }

  @Test
  void aSlowCustomHasherIsStillProtectedByTheThrottle() {
    CountingHasher undeclared = new CountingHasher(SecretHashers.sha256());
    assertThat(undeclared.isExpensiveToVerify()).as("unknown cost is treated as expensive").isTrue();
    try (TokenService service = TokenService.builder().store(new RecordingStore())
        .hasher(undeclared).failureThrottle(3, Duration.ofMinutes(1)).build()) {
      IssuedToken t = service.issue(ADMIN, IssueRequest.builder("slow", "alice").build());
      for (int i = 0; i < 10; i++) {
        service.authenticate(wrongSecretFor(t), ANYWHERE);
      }
      assertThat(undeclared.verifications.get()).as("hasher runs before the throttle engages").isEqualTo(3);
    }
  }

  @Test
  void theBuiltInHashersDeclareTheirCost() {
    assertThat(SecretHashers.sha256().isExpensiveToVerify()).isFalse();
    assertThat(SecretHashers.hmacSha256("k1", new byte[32]).isExpensiveToVerify()).isFalse();
    assertThat(SecretHashers.argon2id().isExpensiveToVerify()).isTrue();
  }

  @Test
  void aHostsOwnFastHasherIsNeverThrottledSoTheRightSecretIsNotLockedOut() {
    CountingHasher cheap = new CountingHasher(SecretHashers.sha256()) {
      @Override
      public boolean isExpensiveToVerify() {
        return false; // one SHA-256 per check
      }
    };
    try (TokenService service = TokenService.builder().store(new RecordingStore())
        .hasher(cheap).failureThrottle(3, Duration.ofMinutes(1)).build()) {
      IssuedToken victim = service.issue(ADMIN, IssueRequest.builder("fast", "alice").build());
      for (int i = 0; i < 10; i++) {
        assertThat(service.authenticate(wrongSecretFor(victim), ANYWHERE).reason())
            .isEqualTo(FailureReason.INVALID_SECRET);
      }
      assertThat(cheap.verifications.get()).as("every wrong secret was checked by the cheap hasher").isEqualTo(10);
      assertThat(service.authenticate(victim.secret().reveal(), ANYWHERE).isVerified())
          .as("the right secret still verifies although the id has had 10 failures").isTrue();
    }
  }
}
