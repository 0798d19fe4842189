package dev.tokenkit;

import dev.tokenkit.testsupport.RecordingStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.internal.TokenCodec;
import dev.tokenkit.internal.hash.Sha256Hasher;
import dev.tokenkit.spi.SecretHasher;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression: the per-id failure throttle refused the <em>right</em> secret too whenever the token was not warm in
 * the cache (after a rotation, a cache expiry, a restart, or on another node). Token ids are public, so anyone could
 * lock a client out by sending wrong secrets for its id. The throttle exists to stop a slow hasher from being
 * turned into a CPU attack; for the built-in fast hashers (SHA-256, HMAC-SHA256) it now never blocks a check.
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
    AtomicInteger checks = new AtomicInteger();
    SecretHasher counting = new SecretHasher() {
      private final Sha256Hasher delegate = new Sha256Hasher();

      @Override
      public String algorithm() {
        return "sha256";
      }

      @Override
      public String hash(byte[] token) {
        return delegate.hash(token);
      }

      @Override
      public boolean verify(byte[] token, String storedHash) {
        checks.incrementAndGet();
        return delegate.verify(token, storedHash);
      }
    };
    try (TokenService service = TokenService.builder().store(new RecordingStore()).hasher(counting)
        .failureThrottle(3, Duration.ofMinutes(1)).build()) {
      IssuedToken t = service.issue(ADMIN, IssueRequest.builder("slow", "alice").build());
      for (int i = 0; i < 10; i++) {
        service.authenticate(wrongSecretFor(t), ANYWHERE);
      }
      assertThat(checks.get()).as("hasher runs before the throttle engages").isEqualTo(3);
    }
  }
}
