package dev.tokenkit.internal.sharedsecret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.MutableClock;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import dev.tokenkit.sharedsecret.KeyRing;
import dev.tokenkit.sharedsecret.SharedSecretValue;
import dev.tokenkit.sharedsecret.SharedSecrets;
import dev.tokenkit.signature.MessageSigner;
import dev.tokenkit.signature.SignatureVerifier;
import dev.tokenkit.signature.SignedRequest;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.testkit.LeakCanary;
import dev.tokenkit.webhook.WebhookSignatures;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Canary over every shared-secret operation and failure: values, key bytes and ciphertexts never appear in a log
 * event (TRACE), an exception text or a {@code toString()}.
 */
class SharedSecretLeakCanaryTest {
  private static final Actor ADMIN = Actor.of("admin");

  @Test
  void noValueKeyOrCiphertextLeaks() {
    byte[] k1 = new byte[32];
    byte[] k2 = new byte[32];
    new SecureRandom().nextBytes(k1);
    new SecureRandom().nextBytes(k2);
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryTokenStore store = new InMemoryTokenStore();
    SharedSecretStore secrets = store.sharedSecrets().orElseThrow();
    try (LeakCanary canary = LeakCanary.start()) {
      canary.registerSecretBytes(k1);
      canary.registerSecretBytes(k2);
      KeyRing ring = KeyRing.builder().key("k1", k1).build();
      SharedSecrets m = manager(store, ring, clock);
      canary.inspect("KeyRing.toString", ring);
      CreatedSharedSecret a = canary.register(m.create(ADMIN, "a"));
      canary.attempt(() -> m.create(ADMIN, "a"));
      canary.attempt(() -> m.create(ADMIN, a.secret().reveal())); // a value pasted as a name is not echoed
      canary.attempt(() -> m.create(ADMIN, "x\n" + a.secret().reveal()));
      String id = a.sharedSecret().id();
      canary.inspect("reveal", m.reveal(ADMIN, id));
      CreatedSharedSecret b = canary.register(m.rotate(ADMIN, id, Duration.ofHours(1)));
      canary.attempt(() -> m.rotate(ADMIN, id, Duration.ofDays(400)));
      canary.attempt(() -> m.reveal(ADMIN, a.secret().reveal()));
      canary.registerCiphertexts(secrets.findSharedSecret(id).orElseThrow());

      for (SharedSecretValue v : List.of(a.secret(), b.secret(), SharedSecretValue.of("tkss_wrong"))) {
        canary.inspect("outcome", m.verifyRequest(id, signed(id, v, clock.instant()), null));
      }
      canary.inspect("outcome", m.verifyRequest(id, SignedRequest.of("GET", "https", "h", "/", null, Map.of(
          "signature-input", List.of("sig1=(\"@method\");keyid=\"" + b.secret().reveal() + "\""),
          "signature", List.of("sig1=:AAAA:"))), null));
      canary.inspect("accept-signature", m.acceptSignature(id, signed(id, b.secret(), clock.instant()), null));

      WebhookSignatures webhooks = WebhookSignatures.create(clock, Duration.ofMinutes(5));
      byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
      canary.inspect("webhook", webhooks.verify(webhooks.sign(payload, b.secret()), payload, a.secret()));
      canary.inspect("signer", MessageSigner.builder(id, b.secret()).build());
      canary.inspect("verifier", SignatureVerifier.builder().build());

      SharedSecrets rotatedKeys = manager(store, KeyRing.builder().key("k1", k1).key("k2", k2).primary("k2")
          .build(), clock);
      rotatedKeys.reencryptAll(ADMIN);
      canary.registerCiphertexts(secrets.findSharedSecret(id).orElseThrow());
      SharedSecrets withoutOldKey = manager(store, KeyRing.builder().key("k9", k1).build(), clock);
      canary.attempt(() -> withoutOldKey.reveal(ADMIN, id));
      canary.inspect("outcome", withoutOldKey.verifyRequest(id, signed(id, b.secret(), clock.instant()), null));
      SharedSecrets wrongBytes = manager(store, KeyRing.builder().key("k2", k1).build(), clock);
      canary.attempt(() -> wrongBytes.reveal(ADMIN, id));
      canary.attempt(() -> manager(store, null, clock).create(ADMIN, "b"));
      m.delete(ADMIN, id);
      canary.inspect("store", store);

      assertThat(canary.events()).as("failures are logged").isNotEmpty();
      canary.assertNoLeaks();
    }
  }

  private static SharedSecrets manager(InMemoryTokenStore store, KeyRing ring, MutableClock clock) {
    TokenService.Builder b = TokenService.builder().store(store).clock(clock);
    if (ring != null) {
      b.sharedSecretKeys(ring);
    }
    return b.build().sharedSecrets();
  }

  private static SignedRequest signed(String id, SharedSecretValue v, Instant at) {
    SignedRequest r = SignedRequest.of("GET", "https", "api.example.com", "/x", null, Map.of());
    MessageSigner.Headers h = MessageSigner.builder(id, v).clock(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC))
        .build().sign(r, null);
    return SignedRequest.of("GET", "https", "api.example.com", "/x", null, Map.of(
        "signature-input", List.of(h.signatureInput()), "signature", List.of(h.signature())));
  }
}
