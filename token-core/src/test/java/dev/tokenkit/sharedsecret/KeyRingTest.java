package dev.tokenkit.sharedsecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.TokenKitException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyRingTest {
  static final byte[] K1 = key(1);
  static final byte[] K2 = key(2);
  private static final byte[] PLAIN = "tkss_secretvalue".getBytes(StandardCharsets.UTF_8);

  static byte[] key(int seed) {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (seed * 31 + i);
    }
    return k;
  }

  @Test
  void encryptsUnderThePrimaryAndDecryptsBack() {
    KeyRing ring = KeyRing.builder().key("k1", K1).build();
    String c = ring.encrypt(PLAIN, "ss_a");
    assertThat(c).startsWith("$aes-256-gcm$k1$");
    assertThat(KeyRing.keyIdOf(c)).isEqualTo("k1");
    assertThat(ring.decrypt(c, "ss_a")).isEqualTo(PLAIN);
    assertThat(c).doesNotContain(Base64.getEncoder().encodeToString(PLAIN).substring(0, 12));
  }

  @Test
  void everyEncryptionUsesAFreshNonce() {
    KeyRing ring = KeyRing.builder().key("k1", K1).build();
    assertThat(ring.encrypt(PLAIN, "ss_a")).isNotEqualTo(ring.encrypt(PLAIN, "ss_a"));
  }

  @Test
  void aCiphertextIsBoundToItsSharedSecret() {
    KeyRing ring = KeyRing.builder().key("k1", K1).build();
    String c = ring.encrypt(PLAIN, "ss_a");
    assertThatThrownBy(() -> ring.decrypt(c, "ss_b")).isInstanceOf(TokenKitException.class)
        .hasMessageContaining("does not decrypt with key 'k1'");
  }

  @Test
  void anAlteredCiphertextDoesNotDecrypt() {
    KeyRing ring = KeyRing.builder().key("k1", K1).build();
    String c = ring.encrypt(PLAIN, "ss_a");
    char last = c.charAt(c.length() - 3);
    String altered = c.substring(0, c.length() - 3) + (last == 'A' ? 'B' : 'A') + c.substring(c.length() - 2);
    assertThatThrownBy(() -> ring.decrypt(altered, "ss_a")).isInstanceOf(TokenKitException.class);
    assertThatThrownBy(() -> ring.decrypt("$aes-256-gcm$k1$AAAA", "ss_a")).hasMessageContaining("too short");
    assertThatThrownBy(() -> ring.decrypt("plaintext", "ss_a")).hasMessageContaining("not in the aes-256-gcm format");
  }

  @Test
  void otherKeyBytesUnderTheSameIdAreDetected() {
    String c = KeyRing.builder().key("k1", K1).build().encrypt(PLAIN, "ss_a");
    KeyRing wrong = KeyRing.builder().key("k1", K2).build();
    assertThatThrownBy(() -> wrong.decrypt(c, "ss_a")).hasMessageContaining("key bytes configured under that id differ");
  }

  @Test
  void aRemovedKeyIsNamedInTheError() {
    String c = KeyRing.builder().key("k1", K1).build().encrypt(PLAIN, "ss_a");
    KeyRing onlyNew = KeyRing.builder().key("k2", K2).build();
    assertThatThrownBy(() -> onlyNew.decrypt(c, "ss_a")).hasMessageContaining("has no key 'k1'")
        .hasMessageContaining("reencryptAll");
  }

  @Test
  void rotationNewPrimaryEncryptsOldKeyStillDecrypts() {
    KeyRing old = KeyRing.builder().key("k1", K1).build();
    String before = old.encrypt(PLAIN, "ss_a");
    KeyRing rotated = KeyRing.builder().key("k1", K1).key("k2", K2).primary("k2").build();
    assertThat(rotated.decrypt(before, "ss_a")).isEqualTo(PLAIN);
    assertThat(rotated.isPrimary(before)).isFalse();
    String after = rotated.encrypt(rotated.decrypt(before, "ss_a"), "ss_a");
    assertThat(KeyRing.keyIdOf(after)).isEqualTo("k2");
    assertThat(KeyRing.builder().key("k2", K2).build().decrypt(after, "ss_a")).isEqualTo(PLAIN);
  }

  @Test
  void builderValidatesWithHowToFix() {
    assertThatThrownBy(() -> KeyRing.builder().key("k1", new byte[16])).hasMessageContaining("exactly 32 bytes")
        .hasMessageContaining("openssl rand -base64 32");
    assertThatThrownBy(() -> KeyRing.builder().key("bad id$", K1)).hasMessageContaining("key id must be");
    assertThatThrownBy(() -> KeyRing.builder().key("k1", K1).key("k1", K2)).hasMessageContaining("already");
    assertThatThrownBy(() -> KeyRing.builder().key("k1", K1).primary("k9")).hasMessageContaining("not in the ring");
    assertThatThrownBy(() -> KeyRing.builder().build()).hasMessageContaining("at least one key");
  }

  @Test
  void theKeyBytesAreCopiedAndNeverShown() {
    byte[] k = key(3);
    KeyRing ring = KeyRing.builder().key("k3", k).build();
    String c = ring.encrypt(PLAIN, "ss_a");
    k[0] ^= 1;
    assertThat(ring.decrypt(c, "ss_a")).isEqualTo(PLAIN);
    String text = ring.toString();
    assertThat(text).isEqualTo("KeyRing[keys=[k3], primary=k3]");
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(key(3)).substring(0, 12));
  }
}
