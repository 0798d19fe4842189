package dev.tokenkit.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.tokenkit.TokenFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * A suite-wide leak canary for logs, registered automatically for every test class of TokenKit's own modules
 * (token-core, token-testkit, token-jdbi, token-servlet-filter): each module's test resources enable JUnit extension
 * auto-detection ({@code junit-platform.properties}) and list this class in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}. It is TokenKit's own test configuration and
 * is never shipped (token-testkit registers nothing in a host's suite). It captures every log event of the class
 * (TokenKit's loggers at TRACE, as each module's {@code logback-test.xml} sets) and fails the class
 * if any message, argument or exception text contains a full token (any prefix, {@link TokenFormat#SCANNER_REGEX})
 * a shared secret value ({@code tkss_...}), a stored secret hash or a shared-secret ciphertext. No registration is needed, so every token issued anywhere in the suite is covered.
 *
 * <p>Loggers under {@code dev.tokenkit.canary} and {@code org.example} belong to the canary's own self-tests, which
 * log secrets on purpose, and are ignored here.
 */
public final class SuiteLeakGuard implements BeforeAllCallback, AfterAllCallback {
  private static final Pattern TOKEN = Pattern.compile(TokenFormat.SCANNER_REGEX);
  private static final Pattern HASH = Pattern.compile("\\$(sha256|hmac-sha256|argon2id|aes-256-gcm)\\$");
  private static final Pattern SHARED_SECRET = Pattern.compile("tkss_[A-Za-z0-9]{43}");
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SuiteLeakGuard.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
      return; // another logging backend: nothing to capture
    }
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setName("suite-leak-guard");
    appender.setContext(logback);
    appender.start();
    logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    context.getStore(NS).put("appender", appender);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterAll(ExtensionContext context) {
    ListAppender<ILoggingEvent> appender = context.getStore(NS).remove("appender", ListAppender.class);
    if (appender == null) {
      return;
    }
    Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    appender.stop();
    List<String> leaks = new ArrayList<>();
    for (ILoggingEvent e : new ArrayList<>(appender.list)) {
      String logger = e.getLoggerName();
      if (logger.startsWith("dev.tokenkit.canary") || logger.startsWith("org.example")) {
        continue;
      }
      StringBuilder text = new StringBuilder(String.valueOf(e.getFormattedMessage()));
      if (e.getArgumentArray() != null) {
        for (Object a : e.getArgumentArray()) {
          text.append(' ').append(a);
        }
      }
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        text.append(' ').append(t.getMessage());
      }
      if (TOKEN.matcher(text).find()) {
        leaks.add(e.getLevel() + " " + logger + ": a raw token");
      } else if (SHARED_SECRET.matcher(text).find()) {
        leaks.add(e.getLevel() + " " + logger + ": a shared secret value");
      } else if (HASH.matcher(text).find()) {
        leaks.add(e.getLevel() + " " + logger + ": a secret hash");
      }
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError("Secret material was logged during " + context.getDisplayName() + " (values not "
          + "repeated here): " + leaks);
    }
  }
}
