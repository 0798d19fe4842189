package dev.tokenkit.spring.health;

import dev.tokenkit.jdbi.JdbiTokenStore;
import dev.tokenkit.spi.TokenStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.util.ClassUtils;

/**
 * TokenKit's health, independent of the Spring Boot generation: UP when the store answers a lookup, DOWN when it
 * cannot be reached. Details: {@code store} (the store's kind), {@code storeReachable}, and for a
 * {@code JdbiTokenStore} on PostgreSQL {@code changeFeed} ({@code listening}, or {@code polling} while the LISTEN
 * connection is down). Thread-safe.
 */
public final class TokenKitHealthCheck {
  /** An id no token has (ids are base62); looking it up proves the store answers. */
  private static final String PROBE_ID = "health-probe";
  private static final boolean JDBI_PRESENT =
      ClassUtils.isPresent("dev.tokenkit.jdbi.JdbiTokenStore", TokenKitHealthCheck.class.getClassLoader());

  private final TokenStore store;

  /**
   * A check of one store.
   *
   * @param store the store; never {@code null}
   */
  public TokenKitHealthCheck(TokenStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The outcome of one check. */
  public record Result(boolean up, Map<String, Object> details) {
    /** Copies the details. */
    public Result {
      details = Map.copyOf(details);
    }
  }

  /**
   * Checks now (one store lookup).
   *
   * @return the result; never {@code null}
   */
  public Result check() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", store.getClass().getSimpleName());
    try {
      store.findById(PROBE_ID);
      details.put("storeReachable", true);
    } catch (RuntimeException e) {
      details.put("storeReachable", false);
      details.put("error", e.getClass().getSimpleName()); // never the message: it may hold SQL or URLs
      return new Result(false, details);
    }
    if (JDBI_PRESENT) {
      Jdbi.addChangeFeed(store, details);
    }
    return new Result(true, details);
  }

  /** Touches token-jdbi classes only when token-jdbi is on the classpath. */
  private static final class Jdbi {
    static void addChangeFeed(TokenStore store, Map<String, Object> details) {
      if (store instanceof JdbiTokenStore jdbi && jdbi.usesListenNotify()) {
        details.put("changeFeed", jdbi.changeFeedListening() ? "listening" : "polling");
      }
    }
  }
}
