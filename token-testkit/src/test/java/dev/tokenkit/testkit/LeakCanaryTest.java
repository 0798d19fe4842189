package dev.tokenkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.tokenkit.internal.TokenCodec;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The canary itself catches leaks wherever they hide, at TRACE too, and never prints the secret it found. */
class LeakCanaryTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String token = TokenCodec.newToken("tk", TokenCodec.newId(RANDOM), RANDOM);
  private final String secretPart = token.substring(token.length() - 6 - TokenCodec.SECRET_LENGTH, token.length() - 6);

  @Test
  void aSecretLoggedAtTraceIsCaughtEvenWhenTheLoggerIsConfiguredForInfo() {
    Logger quiet = (Logger) LoggerFactory.getLogger("dev.tokenkit.canary.quiet");
    quiet.setLevel(Level.INFO);
    try (LeakCanary canary = LeakCanary.start()) {
      canary.registerSecret(token);
      quiet.trace("presented {}", token);
      assertThatThrownBy(canary::assertNoLeaks).isInstanceOf(AssertionError.class)
          .hasMessageContaining("log TRACE dev.tokenkit.canary.quiet message")
          .message().doesNotContain(token).doesNotContain(secretPart);
    }
    assertThat(quiet.getLevel()).as("the level is restored").isEqualTo(Level.INFO);
  }

  @Test
  void aPieceOfTheSecretPartIsALeak() {
    try (LeakCanary canary = LeakCanary.start()) {
      canary.registerSecret(token);
      canary.inspect("response body", "{\"detail\":\"bad token ..." + secretPart.substring(5, 5 + 12) + "\"}");
      assertThatThrownBy(canary::assertNoLeaks).hasMessageContaining("response body contains 12 characters");
    }
  }

  @Test
  void exceptionMessagesCausesAndMdcAreInspected() {
    try (LeakCanary canary = LeakCanary.start()) {
      canary.registerSecret(token);
      canary.attempt(() -> {
        throw new IllegalStateException("outer", new IllegalArgumentException("inner " + token));
      });
      assertThatThrownBy(canary::assertNoLeaks).hasMessageContaining("IllegalArgumentException message");
    }
    try (LeakCanary canary = LeakCanary.start()) {
      canary.registerSecret(token);
      MDC.put("auth", token);
      try {
        LoggerFactory.getLogger("dev.tokenkit.canary").debug("request");
      } finally {
        MDC.remove("auth");
      }
      assertThatThrownBy(canary::assertNoLeaks).hasMessageContaining("MDC");
    }
  }

  @Test
  void peppersAreCaughtInTheirUsualEncodings() {
    byte[] pepper = new byte[32];
    RANDOM.nextBytes(pepper);
    try (LeakCanary canary = LeakCanary.start()) {
      canary.registerSecretBytes(pepper);
      canary.inspect("config dump", "pepper=" + java.util.HexFormat.of().formatHex(pepper));
      assertThatThrownBy(canary::assertNoLeaks).hasMessageContaining("config dump");
    }
  }

  @Test
  void theIdAndRedactedTextsAreNotLeaks() {
    try (LeakCanary canary = LeakCanary.start()) {
      canary.registerSecret(token);
      canary.inspect("log-safe id", "token " + token.substring(3, 3 + TokenCodec.ID_LENGTH) + " revoked");
      canary.inspect("redacted", "TokenSecret[redacted]");
      assertThatCode(canary::assertNoLeaks).doesNotThrowAnyException();
      assertThat(canary.registeredCount()).isEqualTo(2);
    }
  }

  @Test
  void aPrefixCanaryCapturesOnlyItsLoggersAtTraceAndRestoresTheirLevels() {
    Logger ours = (Logger) LoggerFactory.getLogger("dev.tokenkit.canary.ours");
    ours.setLevel(Level.WARN);
    try (LeakCanary canary = LeakCanary.start("dev.tokenkit.canary.ours")) {
      canary.registerSecret(token);
      LoggerFactory.getLogger("org.example.container").info("header Authorization: Bearer {}", token);
      assertThatCode(canary::assertNoLeaks).as("other hierarchies are not captured").doesNotThrowAnyException();
      LoggerFactory.getLogger("dev.tokenkit.canary.ours.sub").trace("oops {}", token);
      assertThatThrownBy(canary::assertNoLeaks).hasMessageContaining("dev.tokenkit.canary.ours.sub");
    }
    assertThat(ours.getLevel()).isEqualTo(Level.WARN);
  }
}
