package dev.tokenkit.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The logback half of {@link LeakCanary}: raises loggers to TRACE, captures their events and restores the levels.
 * Only loaded once {@link LeakCanary} has checked that logback-classic is the SLF4J backend, so that a host without
 * logback gets a clear message instead of a {@code NoClassDefFoundError}. Capture is thread-safe.
 */
final class LogCapture {
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

  /**
   * Starts capturing.
   *
   * @param loggerPrefixes the logger hierarchies to capture; empty for every logger
   */
  LogCapture(List<String> loggerPrefixes) {
    this.context = (LoggerContext) LoggerFactory.getILoggerFactory();
    this.loggerPrefixes = List.copyOf(loggerPrefixes);
    if (loggerPrefixes.isEmpty()) {
      for (Logger logger : context.getLoggerList()) {
        if (logger.getLevel() != null) {
          previousLevels.put(logger, logger.getLevel());
          logger.setLevel(Level.TRACE);
        }
      }
    } else {
      for (String prefix : loggerPrefixes) {
        Logger logger = context.getLogger(prefix);
        for (Logger l : context.getLoggerList()) {
          if (l.getLevel() != null && captures(l.getName())) {
            previousLevels.put(l, l.getLevel());
            l.setLevel(Level.TRACE);
          }
        }
        previousLevels.putIfAbsent(logger, logger.getLevel());
        logger.setLevel(Level.TRACE);
      }
    }
    appender.setContext(context);
    appender.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
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

  List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** Every text of every captured event (message, MDC, arguments, exceptions), each as {where, text}. */
  List<String[]> texts() {
    List<String[]> all = new ArrayList<>();
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
    return all;
  }

  void stop() {
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    previousLevels.forEach(Logger::setLevel);
  }
}
