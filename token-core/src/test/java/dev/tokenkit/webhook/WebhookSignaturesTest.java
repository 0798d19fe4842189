package dev.tokenkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.sharedsecret.SharedSecretValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final byte[] PAYLOAD = "{\"event\":\"order.paid\",\"id\":42}".getBytes(StandardCharsets.UTF_8);
  private static final SharedSecretValue CURRENT = SharedSecretValue.of("tkss_" + "C".repeat(43));
  private static final SharedSecretValue PREVIOUS = SharedSecretValue.of("tkss_" + "P".repeat(43));

  private final WebhookSignatures webhooks = WebhookSignatures.create(Clock.fixed(NOW, ZoneOffset.UTC),
      Duration.ofMinutes(5));

  @Test
  void githubsPublishedExampleMatches() {
    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    SharedSecretValue secret = SharedSecretValue.of("It's a Secret to Everybody");
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    assertThat(WebhookSignatures.github(body, secret)).isEqualTo(expected);
    assertThat(WebhookSignatures.verifyGithub(expected, body, secret)).isTrue();
    assertThat(WebhookSignatures.verifyGithub(expected, "Hello, World?".getBytes(StandardCharsets.UTF_8), secret))
        .isFalse();
    assertThat(WebhookSignatures.verifyGithub(expected.replace('7', '8'), body, secret)).isFalse();
    assertThat(WebhookSignatures.verifyGithub("sha1=757107ea", body, secret)).isFalse();
    assertThat(WebhookSignatures.verifyGithub("sha256=" + "zz".repeat(32), body, secret)).isFalse();
    assertThat(WebhookSignatures.verifyGithub(null, body, secret)).isFalse();
  }

  @Test
  void stripeStyleIsTimestampDotBodyHmacInHex() throws Exception {
    String header = webhooks.sign(PAYLOAD, CURRENT);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(CURRENT.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal(
        (NOW.getEpochSecond() + "." + new String(PAYLOAD, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
    assertThat(header).isEqualTo("t=" + NOW.getEpochSecond() + ",v1=" + expected);
    assertThat(webhooks.verify(header, PAYLOAD, CURRENT)).isTrue();
  }

  @Test
  void duringRotationEachSecretHasItsOwnV1AndEitherVerifies() {
    String header = webhooks.sign(PAYLOAD, CURRENT, PREVIOUS);
    assertThat(header.split(",v1=")).hasSize(3);
    assertThat(webhooks.verify(header, PAYLOAD, CURRENT)).isTrue();
    assertThat(webhooks.verify(header, PAYLOAD, PREVIOUS)).isTrue();
    assertThat(webhooks.verify(header, PAYLOAD, SharedSecretValue.of("tkss_" + "X".repeat(43)))).isFalse();
  }

  @Test
  void timestampsOutsideTheToleranceAreRefused() {
    String old = WebhookSignatures.sign(PAYLOAD, NOW.minusSeconds(301), CURRENT);
    String edge = WebhookSignatures.sign(PAYLOAD, NOW.minusSeconds(300), CURRENT);
    String future = WebhookSignatures.sign(PAYLOAD, NOW.plusSeconds(301), CURRENT);
    assertThat(webhooks.verify(old, PAYLOAD, CURRENT)).isFalse();
    assertThat(webhooks.verify(edge, PAYLOAD, CURRENT)).isTrue();
    assertThat(webhooks.verify(future, PAYLOAD, CURRENT)).isFalse();
  }

  @Test
  void alteredPayloadsAndHeadersAreRefused() {
    String header = webhooks.sign(PAYLOAD, CURRENT);
    assertThat(webhooks.verify(header, "{}".getBytes(StandardCharsets.UTF_8), CURRENT)).isFalse();
    String shifted = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() - 1));
    assertThat(webhooks.verify(shifted, PAYLOAD, CURRENT)).as("timestamp is signed").isFalse();
    for (String bad : new String[] {null, "", "garbage", "t=1", "v1=abc", "t=x,v1=00", header + ",t=1",
        "t=" + NOW.getEpochSecond() + ",v1=not-hex", "t=" + "9".repeat(40) + ",v1=00", "x".repeat(5000)}) {
      assertThat(webhooks.verify(bad, PAYLOAD, CURRENT)).as("header %s", bad).isFalse();
    }
  }

  @Test
  void unknownSchemesBesideV1AreIgnored() {
    String header = webhooks.sign(PAYLOAD, CURRENT) + ",v0=deadbeef";
    assertThat(webhooks.verify(header, PAYLOAD, CURRENT)).isTrue();
  }

  @Test
  void toleranceIsValidated() {
    assertThatThrownBy(() -> WebhookSignatures.create(Clock.systemUTC(), Duration.ZERO))
        .hasMessageContaining("between 1 second and 1 day");
    assertThatThrownBy(() -> webhooks.sign(PAYLOAD)).hasMessageContaining("at least one secret");
  }
}
