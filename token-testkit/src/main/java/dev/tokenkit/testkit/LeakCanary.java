package dev.tokenkit.testkit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.sharedsecret.CreatedSharedSecret;
import dev.tokenkit.spi.StoredSharedSecret;
import dev.tokenkit.spi.StoredToken;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
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
 * <p>Needs logback-classic as the SLF4J backend on the test class path ({@code ch.qos.logback:logback-classic},
 * test scope; token-testkit declares it optional so that it never replaces a host's own backend). Not thread-safe
 * for registration; log capture is thread-safe. Use one canary per test and close it (try-with-resources) to
 * restore the logger levels.
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
  private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

  private final LogCapture capture;
  private final Set<String> wholeSecrets = new LinkedHashSet<>();
  private final Set<String> secretParts = new LinkedHashSet<>();
  private final List<String[]> texts = new ArrayList<>();

  private LeakCanary(LogCapture capture) {
    this.capture = capture;
  }

  /**
   * Starts capturing every log event at TRACE: the root logger and every configured logger are set to TRACE until
   * {@link #close()}.
   *
   * @return the running canary
   * @throws IllegalStateException when logback-classic is not the SLF4J backend (the message says what to add)
   */
  public static LeakCanary start() {
    requireLogback();
    return new LeakCanary(new LogCapture(List.of()));
  }

  /**
   * Starts capturing, at TRACE, only the log events of the given logger hierarchies (e.g. {@code "dev.tokenkit"}),
   * leaving other loggers as configured. Use it when a third-party component (a servlet container, a driver) may
   * legitimately log request headers at TRACE, which is outside TokenKit's control.
   *
   * @param loggerPrefixes logger names whose hierarchies are captured; at least one
   * @return the running canary
   * @throws IllegalStateException when logback-classic is not the SLF4J backend (the message says what to add)
   * @throws IllegalArgumentException when no prefix is given
   */
  public static LeakCanary start(String... loggerPrefixes) {
    if (loggerPrefixes.length == 0) {
      throw new IllegalArgumentException("give at least one logger name, e.g. LeakCanary.start(\"dev.tokenkit\"), "
          + "or call start() to capture every logger");
    }
    requireLogback();
    return new LeakCanary(new LogCapture(List.of(loggerPrefixes)));
  }

  /** Checks by name, so that a missing logback gives this message rather than a NoClassDefFoundError. */
  private static void requireLogback() {
    try {
      Class.forName(LOGBACK_CONTEXT, false, LeakCanary.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("LeakCanary captures log events through logback-classic, which is not on the "
          + "class path: add the test dependency ch.qos.logback:logback-classic (token-testkit declares it optional)",
          e);
    }
    String backend = LoggerFactory.getILoggerFactory().getClass().getName();
    if (!backend.equals(LOGBACK_CONTEXT)) {
      throw new IllegalStateException("LeakCanary needs logback-classic as the SLF4J backend in test scope; found "
          + backend + ". Add ch.qos.logback:logback-classic as a test dependency and remove the other backend from "
          + "the test class path");
    }
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
    return capture.events();
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
    all.addAll(capture.texts());
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
    capture.stop();
  }
}
