package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretHashersTest {
  private static final byte[] TOKEN = "tk_exampleexampleexample".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER = "tk_exampleexampleexamplf".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PEPPER = new byte[32];
  private static final Actor ADMIN = Actor.of("admin");

  static {
    new SecureRandom().nextBytes(PEPPER);
  }

  private static SecretHasher cheapArgon2() {
    return SecretHashers.argon2id(1, 1024, 1);
  }

  @Test
  void everyBuiltInHasherIsSelfDescribingAndVerifies() {
    for (SecretHasher h : new SecretHasher[] {SecretHashers.sha256(), SecretHashers.hmacSha256("k1", PEPPER), cheapArgon2()}) {
      String hash = h.hash(TOKEN);
      assertThat(hash).startsWith("$" + h.algorithm() + "$");
      assertThat(h.canVerify(hash)).isTrue();
      assertThat(h.isCurrent(hash)).isTrue();
      assertThat(h.verify(TOKEN, hash)).isTrue();
      assertThat(h.verify(OTHER, hash)).isFalse();
      assertThat(h.toString()).doesNotContain(new String(TOKEN, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void hmacHashesRecordTheirKeyIdAndNeedThatKey() {
    SecretHasher k1 = SecretHashers.hmacSha256("k1", PEPPER);
    SecretHasher k2 = SecretHashers.hmacSha256("k2", PEPPER);
    String hash = k1.hash(TOKEN);
    assertThat(hash).startsWith("$hmac-sha256$k1$");
    assertThat(k2.canVerify(hash)).isFalse();
    assertThat(SecretHashers.sha256().canVerify(hash)).isFalse();
    assertThat(k1.hash(TOKEN)).isNotEqualTo(SecretHashers.hmacSha256("k1", new byte[32]).hash(TOKEN));
  }

  @Test
  void weakPeppersAndArgonParametersAreRefused() {
    assertThatThrownBy(() -> SecretHashers.hmacSha256("k", new byte[16])).hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> SecretHashers.hmacSha256("bad id", PEPPER)).hasMessageContaining("key id");
    assertThatThrownBy(() -> SecretHashers.argon2id(0, 1024, 1)).hasMessageContaining("OWASP");
  }

  @Test
  void argonParametersDecideWhetherAHashIsCurrent() {
    String hash = cheapArgon2().hash(TOKEN);
    assertThat(SecretHashers.argon2id(2, 1024, 1).isCurrent(hash)).isFalse();
    assertThat(SecretHashers.argon2id(2, 1024, 1).verify(TOKEN, hash)).isTrue();
  }

  @Test
  void argon2StoredTokensVerifyAndRepeatChecksSkipTheHasher() {
    CountingHasher argon = new CountingHasher(cheapArgon2());
    try (TokenService s = TokenService.builder().store(new InMemoryTokenStore()).hasher(argon).build()) {
      String raw = s.issue(ADMIN, IssueRequest.builder("legacy", "o").build()).secret().reveal();
      for (int i = 0; i < 20; i++) {
        assertThat(s.authenticate(raw, AuthContext.anyApi(null)).isVerified()).isTrue();
      }
      assertThat(argon.verifications.get()).isEqualTo(1);
    }
  }

  @Test
  void hashesAreUpgradedToTheCurrentHasherOnUse() {
    InMemoryTokenStore store = new InMemoryTokenStore();
    String raw;
    String id;
    try (TokenService old = TokenService.builder().store(store).build()) {
      IssuedToken t = old.issue(ADMIN, IssueRequest.builder("ci", "o").build());
      raw = t.secret().reveal();
      id = t.token().id();
    }
    assertThat(store.findById(id).orElseThrow().secretHash()).startsWith("$sha256$");
    try (TokenService peppered = TokenService.builder().store(store).pepper("2026-11", PEPPER).build()) {
      assertThat(peppered.authenticate(raw, AuthContext.anyApi(null)).isVerified()).isTrue();
      assertThat(store.findById(id).orElseThrow().secretHash()).startsWith("$hmac-sha256$2026-11$");
      assertThat(peppered.authenticate(raw, AuthContext.anyApi(null)).isVerified()).isTrue();
    }
  }

  @Test
  void repeatedWrongSecretsStopReachingASlowHasher() {
    CountingHasher argon = new CountingHasher(cheapArgon2());
    try (TokenService s = TokenService.builder().store(new InMemoryTokenStore()).hasher(argon)
        .failureThrottle(3, Duration.ofMinutes(1)).build()) {
      IssuedToken t = s.issue(ADMIN, IssueRequest.builder("target", "o").build());
      String id = t.token().id();
      for (int i = 0; i < 10; i++) {
        String guess = dev.tokenkit.internal.TokenCodec.newToken("tk", id, new SecureRandom());
        assertThat(s.authenticate(guess, AuthContext.anyApi(null)).reason()).isEqualTo(FailureReason.INVALID_SECRET);
      }
      assertThat(argon.verifications.get()).isEqualTo(3);
    }
  }
}
