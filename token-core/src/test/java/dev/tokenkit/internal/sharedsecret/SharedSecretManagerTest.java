package dev.tokenkit.internal.sharedsecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditEventType;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.InvalidInputException;
import dev.tokenkit.MutableClock;
import dev.tokenkit.TokenKitException;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import dev.tokenkit.sharedsecret.DuplicateSharedSecretException;
import dev.tokenkit.sharedsecret.KeyRing;
import dev.tokenkit.sharedsecret.KeyRingNotConfiguredException;
import dev.tokenkit.sharedsecret.SharedSecret;
import dev.tokenkit.sharedsecret.SharedSecretNotFoundException;
import dev.tokenkit.sharedsecret.SharedSecretValue;
import dev.tokenkit.sharedsecret.SharedSecrets;
import dev.tokenkit.signature.MessageSigner;
import dev.tokenkit.signature.SignatureFailure;
import dev.tokenkit.signature.SignedRequest;
import dev.tokenkit.spi.StoredSharedSecret;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shared secrets through the public API of {@link TokenService} (several services on one store act as nodes). */
class SharedSecretManagerTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final byte[] K1 = key(1);
  static final byte[] K2 = key(2);
  static final Actor ADMIN = new Actor("admin@example.com", "192.0.2.1");

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final List<TokenService> services = new java.util.ArrayList<>();

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) seed);
    return k;
  }

  SharedSecrets manager(TokenStore s, KeyRing ring) {
    TokenService.Builder b = TokenService.builder().store(s).clock(clock);
    if (ring != null) {
      b.sharedSecretKeys(ring);
    }
    TokenService service = b.build();
    services.add(service);
    return service.sharedSecrets();
  }

  SharedSecrets manager() {
    return manager(store, KeyRing.builder().key("k1", K1).build());
  }

  @AfterEach
  void close() throws Exception {
    for (TokenService c : services) {
      c.close();
    }
  }

  private List<AuditEvent> audit(String id) {
    return store.listAudit(AuditQuery.all().withTokenId(id)).items();
  }

  @Test
  void createGivesAnIdAndA256BitValueAndStoresOnlyCiphertext() {
    CreatedSharedSecret c = manager().create(ADMIN, "  billing-integration ");
    SharedSecret s = c.sharedSecret();
    assertThat(s.id()).matches("ss_[A-Za-z0-9]{16}");
    assertThat(s.name()).isEqualTo("billing-integration");
    assertThat(s.createdAt()).isEqualTo(T0);
    assertThat(c.secret().reveal()).matches("tkss_[A-Za-z0-9]{43}");
    StoredSharedSecret stored = store.sharedSecrets().orElseThrow().findSharedSecret(s.id()).orElseThrow();
    assertThat(stored.ciphertext()).startsWith("$aes-256-gcm$k1$").doesNotContain(c.secret().reveal().substring(5));
    assertThat(audit(s.id())).extracting(AuditEvent::type).containsExactly(AuditEventType.SHARED_SECRET_CREATED);
  }

  @Test
  void valuesAreDistinct() {
    SharedSecrets m = manager();
    assertThat(m.create(ADMIN, "a").secret().reveal()).isNotEqualTo(m.create(ADMIN, "b").secret().reveal());
  }

  @Test
  void aDuplicateNameIsRefused() {
    SharedSecrets m = manager();
    m.create(ADMIN, "billing");
    assertThatThrownBy(() -> m.create(ADMIN, "billing")).isInstanceOf(DuplicateSharedSecretException.class);
  }

  @Test
  void invalidNamesAreRefusedWithTheField() {
    SharedSecrets m = manager();
    assertThatThrownBy(() -> m.create(ADMIN, " ")).isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKey("name"));
    assertThatThrownBy(() -> m.create(ADMIN, "x".repeat(101))).hasMessageContaining("at most 100");
    assertThatThrownBy(() -> m.create(ADMIN, "a\nb")).hasMessageContaining("control characters");
  }

  @Test
  void listShowsMetadataNewestFirst() {
    SharedSecrets m = manager();
    CreatedSharedSecret a = m.create(ADMIN, "a");
    clock.advance(Duration.ofSeconds(1));
    CreatedSharedSecret b = m.create(ADMIN, "b");
    assertThat(m.list()).containsExactly(b.sharedSecret(), a.sharedSecret());
    assertThat(m.get(a.sharedSecret().id())).isEqualTo(a.sharedSecret());
  }

  @Test
  void revealReturnsTheValueAndIsAudited() {
    SharedSecrets m = manager();
    CreatedSharedSecret c = m.create(ADMIN, "billing");
    SharedSecretValue v = m.reveal(new Actor("ops", "198.51.100.4"), c.sharedSecret().id());
    assertThat(v.equalsSecret(c.secret())).isTrue();
    AuditEvent revealed = audit(c.sharedSecret().id()).get(0);
    assertThat(revealed.type()).isEqualTo(AuditEventType.SHARED_SECRET_REVEALED);
    assertThat(revealed.actor()).isEqualTo("ops");
    assertThat(revealed.actorIp()).isEqualTo("198.51.100.4");
  }

  @Test
  void unknownIdsAreNotFound() {
    SharedSecrets m = manager();
    assertThatThrownBy(() -> m.get("ss_nope")).isInstanceOf(SharedSecretNotFoundException.class);
    assertThatThrownBy(() -> m.reveal(ADMIN, "ss_nope")).isInstanceOf(SharedSecretNotFoundException.class);
    assertThatThrownBy(() -> m.rotate(ADMIN, "ss_nope", null)).isInstanceOf(SharedSecretNotFoundException.class);
    assertThatThrownBy(() -> m.delete(ADMIN, "ss_nope")).isInstanceOf(SharedSecretNotFoundException.class);
  }

  private static SignedRequest signedGet(String keyId, SharedSecretValue secret, Instant at) {
    SignedRequest unsigned = SignedRequest.of("GET", "https", "api.example.com", "/api/orders", null, Map.of());
    MessageSigner.Headers h = MessageSigner.builder(keyId, secret).clock(java.time.Clock.fixed(at,
        java.time.ZoneOffset.UTC)).build().sign(unsigned, null);
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("signature-input", List.of(h.signatureInput()));
    headers.put("signature", List.of(h.signature()));
    return SignedRequest.of("GET", "https", "api.example.com", "/api/orders", null, headers);
  }

  @Test
  void aRequestSignedWithTheValueVerifies() {
    SharedSecrets m = manager();
    CreatedSharedSecret c = m.create(ADMIN, "billing");
    String id = c.sharedSecret().id();
    assertThat(m.verifyRequest(id, signedGet(id, c.secret(), T0), null).isVerified()).isTrue();
    assertThat(m.verifyRequest(id, signedGet(id, SharedSecretValue.of("tkss_wrong"), T0), null).failure())
        .isEqualTo(SignatureFailure.INVALID);
  }

  @Test
  void rotationWithOverlapVerifiesBothUntilTheOverlapEnds() {
    SharedSecrets m = manager();
    CreatedSharedSecret c = m.create(ADMIN, "billing");
    String id = c.sharedSecret().id();
    assertThat(m.verifyRequest(id, signedGet(id, c.secret(), T0), null).isVerified()).isTrue(); // cached now
    CreatedSharedSecret r = m.rotate(ADMIN, id, Duration.ofHours(1));
    assertThat(r.secret().equalsSecret(c.secret())).isFalse();
    assertThat(r.sharedSecret().previousValidUntil()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(r.sharedSecret().version()).isEqualTo(1);
    assertThat(m.reveal(ADMIN, id).equalsSecret(r.secret())).isTrue();

    var old = m.verifyRequest(id, signedGet(id, c.secret(), T0), null);
    assertThat(old.isVerified()).isTrue();
    assertThat(old.previousSecret()).isTrue();
    assertThat(m.verifyRequest(id, signedGet(id, r.secret(), T0), null).isVerified()).isTrue();

    clock.advance(Duration.ofHours(1));
    Instant later = clock.instant();
    assertThat(m.verifyRequest(id, signedGet(id, c.secret(), later), null).failure())
        .isEqualTo(SignatureFailure.INVALID);
    assertThat(m.verifyRequest(id, signedGet(id, r.secret(), later), null).isVerified()).isTrue();
    assertThat(audit(id)).extracting(AuditEvent::type).contains(AuditEventType.SHARED_SECRET_ROTATED);
  }

  @Test
  void rotationWithoutOverlapStopsTheOldValueAtOnce() {
    SharedSecrets m = manager();
    CreatedSharedSecret c = m.create(ADMIN, "billing");
    String id = c.sharedSecret().id();
    m.verifyRequest(id, signedGet(id, c.secret(), T0), null);
    m.rotate(ADMIN, id, Duration.ZERO);
    assertThat(m.verifyRequest(id, signedGet(id, c.secret(), T0), null).failure()).isEqualTo(SignatureFailure.INVALID);
  }

  @Test
  void theOverlapIsBounded() {
    SharedSecrets m = manager();
    String id = m.create(ADMIN, "billing").sharedSecret().id();
    assertThatThrownBy(() -> m.rotate(ADMIN, id, Duration.ofDays(31))).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("graceSeconds");
    assertThatThrownBy(() -> m.rotate(ADMIN, id, Duration.ofSeconds(-1))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aRotationOnAnotherNodeReachesThisNodesCacheThroughTheStore() {
    SharedSecrets node1 = manager();
    SharedSecrets node2 = manager(store, KeyRing.builder().key("k1", K1).build());
    CreatedSharedSecret c = node1.create(ADMIN, "billing");
    String id = c.sharedSecret().id();
    assertThat(node2.verifyRequest(id, signedGet(id, c.secret(), T0), null).isVerified()).isTrue();
    node1.rotate(ADMIN, id, Duration.ZERO);
    assertThat(node2.verifyRequest(id, signedGet(id, c.secret(), T0), null).failure())
        .isEqualTo(SignatureFailure.INVALID);
  }

  @Test
  void aNonceUsedOnOneNodeIsRefusedOnAnother() {
    SharedSecrets node1 = manager();
    SharedSecrets node2 = manager(store, KeyRing.builder().key("k1", K1).build());
    CreatedSharedSecret c = node1.create(ADMIN, "billing");
    String id = c.sharedSecret().id();
    SignedRequest r = signedGet(id, c.secret(), T0);
    assertThat(node1.verifyRequest(id, r, null).isVerified()).isTrue();
    assertThat(node2.verifyRequest(id, r, null).failure()).isEqualTo(SignatureFailure.REPLAYED);
  }

  @Test
  void deleteRemovesItAndSignaturesStopVerifying() {
    SharedSecrets m = manager();
    CreatedSharedSecret c = m.create(ADMIN, "billing");
    String id = c.sharedSecret().id();
    m.verifyRequest(id, signedGet(id, c.secret(), T0), null);
    m.delete(ADMIN, id);
    assertThat(m.list()).isEmpty();
    assertThat(m.verifyRequest(id, signedGet(id, c.secret(), T0), null).failure())
        .isEqualTo(SignatureFailure.UNKNOWN_KEY);
    assertThat(audit(id)).extracting(AuditEvent::type).first().isEqualTo(AuditEventType.SHARED_SECRET_DELETED);
  }

  @Test
  void withoutAKeyRingCreateIsRefusedWithHowToConfigureOne() {
    SharedSecrets m = manager(store, null);
    assertThatThrownBy(() -> m.create(ADMIN, "billing")).isInstanceOf(KeyRingNotConfiguredException.class)
        .hasMessageContaining("no encryption key is configured")
        .hasMessageContaining("sharedSecretKeys(KeyRing.builder().key(")
        .hasMessageContaining("openssl rand -base64 32");
    assertThat(m.verifyRequest("ss_x", signedGet("ss_x", SharedSecretValue.of("v"), T0), null).failure())
        .isEqualTo(SignatureFailure.UNKNOWN_KEY);
  }

  @Test
  void aStoreWithoutSharedSecretsSaysSo() {
    TokenStore plain = new dev.tokenkit.testkit.ForwardingTokenStore(new InMemoryTokenStore()) {
      @Override
      public java.util.Optional<dev.tokenkit.spi.SharedSecretStore> sharedSecrets() {
        return java.util.Optional.empty(); // a store that keeps no shared secrets
      }
    };
    assertThat(plain.sharedSecrets()).isEmpty();
    SharedSecrets m = manager(plain, KeyRing.builder().key("k1", K1).build());
    assertThatThrownBy(() -> m.create(ADMIN, "billing")).isInstanceOf(KeyRingNotConfiguredException.class)
        .hasMessageContaining("keeps no shared secrets");
    assertThatThrownBy(m::list).isInstanceOf(KeyRingNotConfiguredException.class);
  }

  @Test
  void reencryptAllMovesEveryValueToTheNewPrimaryKeySoTheOldKeyCanBeRemoved() {
    SharedSecrets before = manager();
    CreatedSharedSecret a = before.create(ADMIN, "a");
    CreatedSharedSecret b = before.create(ADMIN, "b");
    CreatedSharedSecret rotated = before.rotate(ADMIN, b.sharedSecret().id(), Duration.ofHours(1));

    SharedSecrets during = manager(store, KeyRing.builder().key("k1", K1).key("k2", K2).primary("k2").build());
    assertThat(during.reencryptAll(ADMIN)).isEqualTo(2);
    assertThat(during.reencryptAll(ADMIN)).as("idempotent").isZero();
    for (StoredSharedSecret s : store.sharedSecrets().orElseThrow().listSharedSecrets()) {
      assertThat(KeyRing.keyIdOf(s.ciphertext())).isEqualTo("k2");
      if (s.previousCiphertext() != null) {
        assertThat(KeyRing.keyIdOf(s.previousCiphertext())).isEqualTo("k2");
      }
    }

    SharedSecrets after = manager(store, KeyRing.builder().key("k2", K2).build());
    assertThat(after.reveal(ADMIN, a.sharedSecret().id()).equalsSecret(a.secret())).isTrue();
    assertThat(after.reveal(ADMIN, b.sharedSecret().id()).equalsSecret(rotated.secret())).isTrue();
    String id = b.sharedSecret().id();
    assertThat(after.verifyRequest(id, signedGet(id, b.secret(), T0), null).previousSecret())
        .as("the overlap value survives re-encryption").isTrue();
    assertThat(audit(id)).extracting(AuditEvent::type).contains(AuditEventType.SHARED_SECRET_REENCRYPTED);
  }

  @Test
  void removingAKeyBeforeReencryptingFailsRevealWithAClearMessage() {
    SharedSecrets m = manager();
    String id = m.create(ADMIN, "a").sharedSecret().id();
    SharedSecrets tooEarly = manager(store, KeyRing.builder().key("k2", K2).build());
    assertThatThrownBy(() -> tooEarly.reveal(ADMIN, id)).isInstanceOf(TokenKitException.class)
        .hasMessageContaining("has no key 'k1'");
    assertThat(tooEarly.verifyRequest(id, signedGet(id, SharedSecretValue.of("x"), T0), null).failure())
        .isEqualTo(SignatureFailure.UNKNOWN_KEY);
  }
}
