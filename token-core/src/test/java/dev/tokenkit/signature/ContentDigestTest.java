package dev.tokenkit.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9530 Content-Digest, with the RFC's own examples for the content {@code {"hello": "world"}}. */
class ContentDigestTest {
  private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
  private static final String SHA256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
  private static final String SHA512 = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyea"
      + "ldVLvRwEmTHWXvJwew==:";

  @Test
  void computesTheRfcsSha256AndSha512Values() {
    assertThat(ContentDigest.of(HELLO, ContentDigest.Algorithm.SHA_256)).isEqualTo(SHA256);
    assertThat(ContentDigest.of(HELLO, ContentDigest.Algorithm.SHA_512)).isEqualTo(SHA512);
  }

  @Test
  void acceptsEitherAlgorithmAndBothTogether() {
    assertThat(ContentDigest.check(List.of(SHA256), HELLO)).isEqualTo(ContentDigest.Check.MATCH);
    assertThat(ContentDigest.check(List.of(SHA512), HELLO)).isEqualTo(ContentDigest.Check.MATCH);
    assertThat(ContentDigest.check(List.of(SHA256 + ", " + SHA512), HELLO)).isEqualTo(ContentDigest.Check.MATCH);
    assertThat(ContentDigest.check(List.of(SHA256, SHA512), HELLO)).as("two field lines")
        .isEqualTo(ContentDigest.Check.MATCH);
  }

  @Test
  void anAlteredBodyIsAMismatch() {
    byte[] other = "{\"hello\": \"World\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(ContentDigest.check(List.of(SHA256), other)).isEqualTo(ContentDigest.Check.MISMATCH);
    assertThat(ContentDigest.check(List.of(SHA256 + ", " + ContentDigest.of(other, ContentDigest.Algorithm.SHA_512)),
        HELLO)).as("one of two wrong").isEqualTo(ContentDigest.Check.MISMATCH);
  }

  @Test
  void unknownAlgorithmsAloneAndGarbageAreMalformed() {
    assertThat(ContentDigest.check(List.of("md5=:AAAA:"), HELLO)).isEqualTo(ContentDigest.Check.MALFORMED);
    assertThat(ContentDigest.check(List.of("sha-256=X48E9q"), HELLO)).isEqualTo(ContentDigest.Check.MALFORMED);
    assertThat(ContentDigest.check(List.of("sha-256=:not base64!:"), HELLO)).isEqualTo(ContentDigest.Check.MALFORMED);
    assertThat(ContentDigest.check(List.of(""), HELLO)).isEqualTo(ContentDigest.Check.MALFORMED);
    assertThat(ContentDigest.check(List.of(), HELLO)).isEqualTo(ContentDigest.Check.ABSENT);
  }

  @Test
  void unknownAlgorithmsBesideAKnownOneAreIgnored() {
    assertThat(ContentDigest.check(List.of("unixsum=:AAAA:, " + SHA256), HELLO)).isEqualTo(ContentDigest.Check.MATCH);
  }
}
