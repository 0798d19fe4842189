package dev.tokenkit.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import dev.tokenkit.spi.StoredSharedSecret;
import dev.tokenkit.spi.StoredToken;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * A leak canary for tests: register every raw token, shared secret, pepper, stored hash and ciphertext a test
 * creates, let the test
 * run while every log event (at TRACE, whatever the logging configuration says) is captured, hand it the texts
 * clients or operators would see (exception messages, response bodies, {@code toString()}s), then
 * {@link #assertNoLeaks()} fails if any registered value, or any 12-character piece of a token's secret part,
 * appears anywhere.
 *
 * <p>Needs logback-classic as the SLF4J binding on the test classpath. Not thread-safe for registration; log
 * capture is thread-safe. Use one canary per test and close it (try-with-resources) to restore logging.
 *
 * <pre>{@code
 * try (LeakCanary canary = LeakCanary.start()) {
 *   IssuedToken t = canary.register(service.issue(admin, request));
 *   canary.attempt(() -> service.get(t.secret().reveal()));   // exception texts are inspected
 *   canary.inspect("response body", httpResponse.body());
 *   canary.assertNoLeaks();
 * }
 * }</pre>
 */
public final class LeakCanary implements AutoCloseable {
  /** Pieces of a secret this long or longer must not appear anywhere. */
  public static final int WINDOW = 12;
  private static final Pattern TOKEN = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*_([A-Za-z0-9]{16})([A-Za-z0-9]{43})"
      + "[A-Za-z0-9]{6}");

  private static final Pattern SHARED_SECRET = Pattern.compile("tkss_([A-Za-z0-9]{43})");

  private final LoggerContext context;
  private final List<String> loggerPrefixes;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent e) {
      if (!captures(e.getLoggerName())) {
        return;
      }
      e.prepareForDeferredProcessing(); // capture MDC and the formatted message now, not when inspected
      super.append(e);
    }
  };
  private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();
  private final Set<String> wholeSecrets = new LinkedHashSet<>();
  private final Set<String> secretParts = new LinkedHashSet<>();
  private final List<String[]> texts = new ArrayList<>();

  private LeakCanary(LoggerContext context, List<String> loggerPrefixes) {
    this.context = context;
    this.loggerPrefixes = List.copyOf(loggerPrefixes);
  }

  private boolean captures(String loggerName) {
    if (loggerPrefixes.isEmpty()) {
      return true;
    }
    for (String p : loggerPrefixes) {
      if (loggerName.equals(p) || loggerName.startsWith(p + ".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts capturing every log event at TRACE: the root logger and every configured logger are set to TRACE until
   * {@link #close()}.
   *
   * @return the running canary
   * @throws IllegalStateException when logback-classic is not the SLF4J binding
   */
  public static LeakCanary start() {
    LoggerContext ctx = logback();
    LeakCanary canary = new LeakCanary(ctx, List.of());
    for (Logger logger : ctx.getLoggerList()) {
      if (logger.getLevel() != null) {
        canary.previousLevels.put(logger, logger.getLevel());
        logger.setLevel(Level.TRACE);
      }
    }
    return canary.attach();
  }

  /**
   * Starts capturing, at TRACE, only the log events of the given logger hierarchies (e.g. {@code "dev.tokenkit"}),
   * leaving other loggers as configured. Use it when a third-party component (a servlet container, a driver) may
   * legitimately log request headers at TRACE, which is outside TokenKit's control.
   *
   * @param loggerPrefixes logger names whose hierarchies are captured; at least one
   * @return the running canary
   * @throws IllegalStateException when logback-classic is not the SLF4J binding
   * @throws IllegalArgumentException when no prefix is given
   */
  public static LeakCanary start(String... loggerPrefixes) {
    if (loggerPrefixes.length == 0) {
      throw new IllegalArgumentException("give at least one logger name, e.g. LeakCanary.start(\"dev.tokenkit\"), "
          + "or call start() to capture every logger");
    }
    LoggerContext ctx = logback();
    LeakCanary canary = new LeakCanary(ctx, List.of(loggerPrefixes));
    for (String prefix : loggerPrefixes) {
      Logger logger = ctx.getLogger(prefix);
      for (Logger l : ctx.getLoggerList()) {
        if (l.getLevel() != null && canary.captures(l.getName())) {
          canary.previousLevels.put(l, l.getLevel());
          l.setLevel(Level.TRACE);
        }
      }
      canary.previousLevels.putIfAbsent(logger, logger.getLevel());
      logger.setLevel(Level.TRACE);
    }
    return canary.attach();
  }

  private static LoggerContext logback() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      throw new IllegalStateException("LeakCanary needs logback-classic as the SLF4J binding in test scope; found "
          + LoggerFactory.getILoggerFactory().getClass().getName());
    }
    return ctx;
  }

  private LeakCanary attach() {
    appender.setContext(context);
    appender.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return this;
  }

  /**
   * Registers a newly issued (rotated, regenerated) token: its full text and its secret part are secrets, and its
   * {@code toString()}s are inspected.
   *
   * @param issued the issued token
   * @return {@code issued}, for chaining
   */
  public IssuedToken register(IssuedToken issued) {
    registerSecret(issued.secret().reveal());
    inspect("IssuedToken.toString", issued);
    inspect("Token.toString", issued.token());
    inspect("TokenSecret.toString", issued.secret());
    return issued;
  }

  /**
   * Registers a secret text. When it is a full token, its 43-character secret part is registered too, so that
   * any {@value #WINDOW}-character piece of it counts as a leak.
   *
   * @param secret the secret; never {@code null}
   * @return {@code secret}, for chaining
   */
  public String registerSecret(String secret) {
    wholeSecrets.add(secret);
    Matcher m = TOKEN.matcher(secret);
    if (m.matches()) {
      secretParts.add(m.group(2));
    }
    Matcher s = SHARED_SECRET.matcher(secret);
    if (s.matches()) {
      secretParts.add(s.group(1));
    }
    return secret;
  }

  /**
   * Registers a newly created (or rotated) shared secret: its value, and any {@value #WINDOW}-character piece of
   * it, are secrets; its {@code toString()}s are inspected.
   *
   * @param created the created shared secret
   * @return {@code created}, for chaining
   */
  public CreatedSharedSecret register(CreatedSharedSecret created) {
    registerSecret(created.secret().reveal());
    inspect("CreatedSharedSecret.toString", created);
    inspect("SharedSecret.toString", created.sharedSecret());
    inspect("SharedSecretValue.toString", created.secret());
    return created;
  }

  /**
   * Registers a stored shared secret's ciphertexts: they must not leak either (they name no key, but belong in the
   * database only).
   *
   * @param stored the stored row
   */
  public void registerCiphertexts(StoredSharedSecret stored) {
    registerHash(stored.ciphertext());
    if (stored.previousCiphertext() != null) {
      registerHash(stored.previousCiphertext());
    }
    inspect("StoredSharedSecret.toString", stored);
  }

  /**
   * Registers secret bytes (e.g. a pepper) in the encodings they might leak in: Base64, URL-safe Base64 and hex.
   *
   * @param secret the bytes
   */
  public void registerSecretBytes(byte[] secret) {
    wholeSecrets.add(Base64.getEncoder().withoutPadding().encodeToString(secret));
    wholeSecrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    wholeSecrets.add(HexFormat.of().formatHex(secret));
  }

  /**
   * Registers a stored token's hashes: the encoded digest after the last {@code $} must not leak either.
   *
   * @param stored the stored row
   */
  public void registerHashes(StoredToken stored) {
    registerHash(stored.secretHash());
    if (stored.previousSecretHash() != null) {
      registerHash(stored.previousSecretHash());
    }
  }

  private void registerHash(String hash) {
    String digest = hash.substring(hash.lastIndexOf('$') + 1);
    if (digest.length() >= WINDOW) {
      wholeSecrets.add(digest);
    }
  }

  /**
   * Adds a text a client or operator could see (response body, header, rendered page, toString).
   *
   * @param what a label for failure messages
   * @param text the text or object ({@code String.valueOf} is used)
   */
  public void inspect(String what, Object text) {
    texts.add(new String[] {what, String.valueOf(text)});
  }

  /**
   * Adds an exception's message, {@code toString()} and those of its causes and suppressed exceptions.
   *
   * @param e the exception
   */
  public void inspectException(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      inspect(c.getClass().getName() + " message", c.getMessage());
      inspect(c.getClass().getName() + ".toString", c);
      for (Throwable s : c.getSuppressed()) {
        inspectException(s);
      }
      if (c.getCause() == c) {
        break;
      }
    }
  }

  /**
   * Runs an action that may fail and inspects whatever it throws.
   *
   * @param action the action
   */
  public void attempt(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      inspectException(e);
    }
  }

  /**
   * The log events captured so far.
   *
   * @return a copy
   */
  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /**
   * The number of registered secrets (whole values and secret parts), to assert a scenario registered enough.
   *
   * @return the count
   */
  public int registeredCount() {
    return wholeSecrets.size() + secretParts.size();
  }

  /**
   * Fails when any registered secret, or any {@value #WINDOW}-character piece of a token's secret part, appears in
   * a captured log event (message, arguments, MDC, exceptions) or an inspected text.
   *
   * @throws AssertionError naming where the leak is (never the secret itself)
   */
  public void assertNoLeaks() {
    List<String[]> all = new ArrayList<>(texts);
    for (ILoggingEvent e : events()) {
      String where = "log " + e.getLevel() + " " + e.getLoggerName();
      all.add(new String[] {where + " message", e.getFormattedMessage()});
      all.add(new String[] {where + " MDC", String.valueOf(e.getMDCPropertyMap())});
      if (e.getArgumentArray() != null) {
        for (Object a : e.getArgumentArray()) {
          all.add(new String[] {where + " argument", String.valueOf(a)});
        }
      }
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        all.add(new String[] {where + " exception", t.getClassName() + ": " + t.getMessage()});
      }
    }
    List<String> leaks = new ArrayList<>();
    for (String[] text : all) {
      String leaked = findLeak(text[1]);
      if (leaked != null) {
        leaks.add(text[0] + " contains " + leaked);
      }
    }
    if (!leaks.isEmpty()) {
      throw new AssertionError("Secret leak(s) found (" + leaks.size() + "):\n  " + String.join("\n  ", leaks));
    }
  }

  private String findLeak(String text) {
    int n = 0;
    for (String s : wholeSecrets) {
      n++;
      if (text.contains(s)) {
        return "registered secret #" + n;
      }
    }
    n = 0;
    for (String part : secretParts) {
      n++;
      for (int i = 0; i + WINDOW <= part.length(); i++) {
        if (text.contains(part.substring(i, i + WINDOW))) {
          return WINDOW + " characters of the secret part of token #" + n;
        }
      }
    }
    return null;
  }

  /** Detaches the appender and restores the logger levels. */
  @Override
  public void close() {
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    previousLevels.forEach(Logger::setLevel);
  }
}
