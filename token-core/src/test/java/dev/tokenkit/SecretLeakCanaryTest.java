package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tokenkit.internal.TokenCodec;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Canary: every raw token and secret issued here is remembered, the whole scenario runs with TRACE logging, and
 * no log line, exception message or {@code toString()} may contain any of them (or their hashes).
 */
class SecretLeakCanaryTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> secrets = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private final RecordingStore store = new RecordingStore();

  @BeforeEach
  void captureLogs() {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void detach() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private void remember(IssuedToken t) {
    String raw = t.secret().reveal();
    secrets.add(raw);
    secrets.add(raw.substring(raw.length() - 6 - TokenCodec.SECRET_LENGTH, raw.length() - 6)); // the secret part
    texts.add(t.toString());
    texts.add(t.token().toString());
    texts.add(t.secret().toString());
  }

  private void attempt(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        texts.add(String.valueOf(c.getMessage()));
        texts.add(c.toString());
      }
    }
  }

  @Test
  void noSecretEverAppearsInLogsExceptionsOrToString() {
    Actor admin = Actor.of("admin");
    try (TokenService service = TokenService.builder().store(store).cacheTtl(Duration.ofMillis(1))
        .failureThrottle(2, Duration.ofMinutes(1)).build()) {
      IssuedToken t = service.issue(admin, IssueRequest.builder("canary", "alice")
          .access(Map.of("orders", AccessLevel.READ)).allowedIps(List.of("10.0.0.0/8")).build());
      remember(t);
      String raw = t.secret().reveal();
      String id = t.token().id();
      texts.add(service.authenticate(raw, AuthContext.of("10.1.1.1", "orders", AccessLevel.READ)).toString());
      texts.add(service.authenticate(raw, AuthContext.of("10.1.1.1", "orders", AccessLevel.FULL)).toString());
      texts.add(service.authenticate(raw, AuthContext.of("192.0.2.1", "orders", AccessLevel.READ)).toString());
      for (int i = 0; i < 4; i++) {
        String wrong = TokenCodec.newToken("tk", id, new SecureRandom());
        secrets.add(wrong);
        texts.add(service.authenticate(wrong, AuthContext.anyApi("10.0.0.1")).toString());
      }
      texts.add(service.authenticate(raw.substring(0, raw.length() - 1), AuthContext.anyApi(null)).toString());
      IssuedToken rotated = service.rotate(admin, id, Duration.ofMinutes(5));
      remember(rotated);
      texts.add(service.authenticate(raw, AuthContext.anyApi("10.0.0.1")).toString());
      IssuedToken regenerated = service.regenerate(admin, id, Expiration.months(3));
      remember(regenerated);
      attempt(() -> service.enable(admin, id));
      attempt(() -> service.issue(admin, IssueRequest.builder("canary", "alice").build()));
      attempt(() -> service.issue(admin, IssueRequest.builder(raw, "alice").allowedIps(List.of(raw)).build()));
      attempt(() -> service.get(raw));
      attempt(() -> service.format().idOf(raw + "x"));
      store.down.set(true);
      texts.add(service.authenticate(regenerated.secret().reveal(), AuthContext.anyApi("10.0.0.1")).toString());
      attempt(() -> service.revoke(admin, id));
      attempt(() -> service.flushLastUse());
      store.down.set(false);
      service.revoke(admin, id);
      texts.add(service.authenticate(regenerated.secret().reveal(), AuthContext.anyApi("10.0.0.1")).toString());
      texts.add(store.delegate.findById(id).orElseThrow().toString());
      texts.add(service.audit(AuditQuery.all()).toString());
      texts.add(service.list(TokenQuery.all()).toString());
      String hash = store.delegate.findById(id).orElseThrow().secretHash();
      secrets.add(hash.substring(hash.lastIndexOf('$') + 1));
    }
    for (ILoggingEvent e : logs.list) {
      texts.add(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        texts.add(e.getThrowableProxy().getMessage());
      }
    }

    assertThat(logs.list).as("the scenario logs something at some level").isNotEmpty();
    assertThat(secrets).hasSizeGreaterThan(8);
    for (String text : texts) {
      for (String secret : secrets) {
        assertThat(text).as("leak check").doesNotContain(secret);
      }
    }
  }
}
