package dev.tokenkit.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.FailureReason;
import dev.tokenkit.InvalidInputException;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.SecretHashers;
import dev.tokenkit.Token;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.testsupport.RecordingStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keys imported from another system keep working, found through the index, never by scanning. */
class ImportedKeysTest {
  private static final Actor ADMIN = Actor.of("admin");
  private static final AuthContext ORDERS = AuthContext.of("127.0.0.1", "orders", AccessLevel.READ);
  private static final String LEGACY = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
  private final InMemoryTokenStore memory = new InMemoryTokenStore();
  private final RecordingStore store = new RecordingStore(memory);
  private final TokenService tokens = TokenService.builder().store(store).lifecycleInterval(null)
      .alsoVerifyWith(SecretHashers.argon2id(1, 1024, 1)).build();

  @AfterEach
  void close() {
    tokens.close();
  }

  private static IssueRequest request(String name) {
    return IssueRequest.builder(name, "acme").access(Map.of("orders", AccessLevel.READ)).build();
  }

  private static String sha256Hex(String key) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aPlainTextKeyKeepsWorkingWithItsGrants() {
    Token t = tokens.importKey(ADMIN, request("legacy"), KeyImport.plainText(LEGACY));
    AuthOutcome outcome = tokens.authenticate(LEGACY, ORDERS);
    assertThat(outcome.isVerified()).isTrue();
    assertThat(outcome.token().id()).isEqualTo(t.id());
    assertThat(outcome.token().owner()).isEqualTo("acme");
    assertThat(tokens.authenticate(LEGACY, AuthContext.of("127.0.0.1", "orders", AccessLevel.FULL)).reason())
        .isEqualTo(FailureReason.INSUFFICIENT_ACCESS);
    assertThat(tokens.authenticate(LEGACY + "x", ORDERS).reason()).isEqualTo(FailureReason.MALFORMED);
    assertThat(memory.findById(t.id()).orElseThrow().secretHash()).doesNotContain(LEGACY);
  }

  @Test
  void aSha256HashIsFoundByDigestAndTheRepeatPathIsCached() throws Exception {
    tokens.importKey(ADMIN, request("hashed"), KeyImport.sha256(sha256Hex(LEGACY)));
    assertThat(tokens.authenticate(LEGACY, ORDERS).isVerified()).isTrue();
    long reads = store.finds.get();
    for (int i = 0; i < 5; i++) {
      assertThat(tokens.authenticate(LEGACY, ORDERS).isVerified()).isTrue();
    }
    assertThat(store.finds.get()).isEqualTo(reads);
  }

  @Test
  void anArgon2idHashIsFoundByTheKeysOwnPrefixAndVerifiedWithArgon2id() {
    String key = "AbCdEf12.9f2kLmN0pQrStUvWxYz0123456789";
    String phc = SecretHashers.argon2id(1, 1024, 1).hash(key.getBytes(StandardCharsets.US_ASCII));
    tokens.importKey(ADMIN, request("drf"), KeyImport.argon2id(phc, "AbCdEf12"));
    assertThat(tokens.authenticate(key, ORDERS).isVerified()).isTrue();
    assertThat(tokens.authenticate("AbCdEf12.wrongwrongwrongwrongwrong", ORDERS).reason())
        .isEqualTo(FailureReason.INVALID_SECRET);
  }

  @Test
  void malformedInputNeverReachesTheStoreEvenWithImportedKeys() {
    tokens.importKey(ADMIN, request("legacy"), KeyImport.plainText(LEGACY));
    long reads = store.finds.get();
    for (int i = 0; i < 200; i++) {
      assertThat(tokens.authenticate("not-a-token-" + i + "-padding-padding", ORDERS).reason())
          .isEqualTo(FailureReason.MALFORMED);
    }
    assertThat(store.finds.get()).isEqualTo(reads);
  }

  @Test
  void anotherNodeFindsAKeyImportedHereThroughTheChangeFeed() throws Exception {
    try (TokenService other = TokenService.builder().store(memory).lifecycleInterval(null).build()) {
      tokens.importKey(ADMIN, request("legacy"), KeyImport.plainText(LEGACY));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!other.authenticate(LEGACY, ORDERS).isVerified() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(other.authenticate(LEGACY, ORDERS).isVerified()).isTrue();
    }
  }

  @Test
  void aKeyIsImportedOnceAndRotationHandsOutATokenKitSecret() {
    Token t = tokens.importKey(ADMIN, request("legacy"), KeyImport.plainText(LEGACY));
    assertThatThrownBy(() -> tokens.importKey(ADMIN, request("again"), KeyImport.plainText(LEGACY)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("already imported");
    String fresh = tokens.rotate(ADMIN, t.id(), Duration.ZERO).secret().reveal();
    assertThat(tokens.authenticate(fresh, ORDERS).isVerified()).isTrue();
    assertThat(tokens.authenticate(LEGACY, ORDERS).reason()).isEqualTo(FailureReason.INVALID_SECRET);
  }

  @Test
  void importsAreValidatedWithoutEchoingTheKey() {
    assertThatThrownBy(() -> KeyImport.plainText("short")).hasMessageNotContaining("short");
    assertThatThrownBy(() -> KeyImport.sha256("abc")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> KeyImport.argon2id("$2b$10$x", "abcdef")).hasMessageContaining("argon2id variant");
    assertThatThrownBy(() -> KeyImport.argon2id(String.join("$", "", "argon2id", "v=19", "m=1024,t=1,p=1", "c2FsdA", "aGFzaA"), "ab"))
        .hasMessageContaining("lookupPrefix");
    assertThat(KeyImport.plainText(LEGACY).toString()).doesNotContain(LEGACY).contains("redacted");
    try (TokenService plain = TokenService.builder().store(new InMemoryTokenStore()).lifecycleInterval(null).build()) {
      String phc = SecretHashers.argon2id(1, 1024, 1).hash(LEGACY.getBytes(StandardCharsets.US_ASCII));
      assertThatThrownBy(() -> plain.importKey(ADMIN, request("x"), KeyImport.argon2id(phc, "sk_live_4e")))
          .isInstanceOf(InvalidInputException.class).hasMessageContaining("alsoVerifyWith");
    }
  }
}
