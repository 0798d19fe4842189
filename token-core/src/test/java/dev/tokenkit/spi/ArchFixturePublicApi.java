package dev.tokenkit.spi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;

/**
 * A deliberately bad public type that leaks Caffeine in its signatures, proving the public-API rule can fail. Lives
 * in the test tree only; never production code.
 */
public final class ArchFixturePublicApi {
  private final Cache<String, String> cache = Caffeine.newBuilder().build();

  /**
   * Leaks Caffeine as a return type.
   *
   * @return the cache
   */
  public Cache<String, String> cache() {
    return cache;
  }

  /**
   * Leaks Caffeine inside a generic parameter type.
   *
   * @param caches caches
   * @return the count
   */
  public int count(List<Cache<String, String>> caches) {
    return caches.size();
  }

  private Cache<String, String> hidden() {
    return cache; // private: allowed
  }

  String internal() {
    return String.valueOf(hidden());
  }
}
