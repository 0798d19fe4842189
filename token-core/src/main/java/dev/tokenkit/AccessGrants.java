package dev.tokenkit;

import dev.tokenkit.internal.SafeEcho;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-API access levels, with {@value #ALL_APIS} standing for every API ("apply to all APIs").
 *
 * <p>The level for an API is its own grant, else the {@code *} grant, else {@link AccessLevel#NONE}.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * AccessGrants g = AccessGrants.of(Map.of("orders", AccessLevel.FULL, "*", AccessLevel.READ));
 * g.levelFor("orders");  // FULL
 * g.levelFor("reports"); // READ
 * }</pre>
 */
public final class AccessGrants {
  /** The API name that stands for all APIs. */
  public static final String ALL_APIS = "*";

  private static final AccessGrants NONE = new AccessGrants(Map.of());

  private final Map<String, AccessLevel> levels;
  /**
   * The same grants in a hash map, for {@link #levelFor} on the verification hot path (issue 14: a hash lookup
   * instead of a {@code TreeMap} walk of {@code String.compareTo}s); {@link #levels} stays sorted for
   * {@link #asMap()}.
   */
  private final Map<String, AccessLevel> lookup;
  /** The {@code *} grant, or {@code NONE}. */
  private final AccessLevel allApis;

  private AccessGrants(Map<String, AccessLevel> levels) {
    this.levels = levels;
    this.lookup = Map.copyOf(levels);
    AccessLevel all = levels.get(ALL_APIS);
    this.allApis = all != null ? all : AccessLevel.NONE;
  }

  /**
   * No grants at all.
   *
   * @return the empty grants
   */
  public static AccessGrants none() {
    return NONE;
  }

  /**
   * Grants from a map of API name to level.
   *
   * @param levels API name (or {@code *}) to level; never {@code null}, no {@code null} keys or values
   * @return the grants
   * @throws InvalidInputException when an API name is malformed or a level is missing
   */
  public static AccessGrants of(Map<String, AccessLevel> levels) {
    Objects.requireNonNull(levels, "levels");
    Map<String, AccessLevel> copy = new TreeMap<>();
    for (Map.Entry<String, AccessLevel> e : levels.entrySet()) {
      String api = e.getKey();
      if (api == null || !(ALL_APIS.equals(api) || ApiNames.isValid(api))) {
        throw new InvalidInputException("access", "API name " + SafeEcho.quote(api) + " must be '*' or 1-64 letters, digits, '.', '_' or '-'");
      }
      if (e.getValue() == null) {
        throw new InvalidInputException("access", "API " + SafeEcho.quote(api) + " has no access level; use NONE, READ or FULL");
      }
      copy.put(api, e.getValue());
    }
    return copy.isEmpty() ? NONE : new AccessGrants(Collections.unmodifiableMap(copy));
  }

  /**
   * The level granted for one API, falling back to the {@code *} grant, then NONE.
   *
   * @param api the API name; never {@code null}
   * @return the level
   */
  public AccessLevel levelFor(String api) {
    AccessLevel own = lookup.get(api);
    return own != null ? own : allApis;
  }

  /**
   * These grants with {@code overrides} laid on top: an API named in {@code overrides} (or its {@code *})
   * takes the override's level.
   *
   * @param overrides the grants that win; never {@code null}
   * @return the effective grants
   */
  public AccessGrants overriddenBy(AccessGrants overrides) {
    if (overrides.levels.isEmpty()) {
      return this;
    }
    if (overrides.levels.containsKey(ALL_APIS)) {
      return overrides;
    }
    Map<String, AccessLevel> merged = new LinkedHashMap<>(levels);
    merged.putAll(overrides.levels);
    return of(merged);
  }

  /**
   * The APIs for which {@code other} gives more than these grants, with the level these grants allow there: what
   * a caller whose cap is {@code this} may not grant. Every API is compared, including those named only by a
   * {@code *} grant.
   *
   * <pre>{@code
   * AccessGrants cap = AccessGrants.of(Map.of("*", AccessLevel.READ));
   * cap.exceededBy(AccessGrants.of(Map.of("orders", AccessLevel.FULL))); // {orders=READ}
   * }</pre>
   *
   * @param other the grants to compare; never {@code null}
   * @return API name (or {@code *}) to the level these grants allow, sorted; empty when {@code other} stays within
   */
  public Map<String, AccessLevel> exceededBy(AccessGrants other) {
    Map<String, AccessLevel> beyond = new TreeMap<>();
    for (String api : apisOf(other)) {
      AccessLevel allowed = levelFor(api);
      if (!allowed.allows(other.levelFor(api))) {
        beyond.put(api, allowed);
      }
    }
    return Collections.unmodifiableMap(beyond);
  }

  /**
   * Whether {@code other} gives nothing beyond these grants, for any API.
   *
   * @param other the grants to compare; never {@code null}
   * @return {@code true} when every API's level in {@code other} is at most its level here
   */
  public boolean includes(AccessGrants other) {
    return exceededBy(other).isEmpty();
  }

  /**
   * The lower of both levels for every API (the most that both allow).
   *
   * @param other the other grants; never {@code null}
   * @return the intersection
   */
  public AccessGrants intersection(AccessGrants other) {
    Map<String, AccessLevel> min = new TreeMap<>();
    for (String api : apisOf(other)) {
      AccessLevel a = levelFor(api);
      AccessLevel b = other.levelFor(api);
      min.put(api, a.compareTo(b) <= 0 ? a : b);
    }
    return of(min);
  }

  /** The APIs named by either grants, plus {@code *} (which stands for every API named by neither). */
  private java.util.Set<String> apisOf(AccessGrants other) {
    java.util.Set<String> apis = new java.util.TreeSet<>(levels.keySet());
    apis.addAll(other.levels.keySet());
    apis.add(ALL_APIS);
    return apis;
  }

  /**
   * The grants as an unmodifiable map, sorted by API name.
   *
   * @return API name to level
   */
  public Map<String, AccessLevel> asMap() {
    return levels;
  }

  /**
   * Whether no API is granted anything explicitly.
   *
   * @return {@code true} when empty
   */
  public boolean isEmpty() {
    return levels.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessGrants other && levels.equals(other.levels);
  }

  @Override
  public int hashCode() {
    return levels.hashCode();
  }

  @Override
  public String toString() {
    return levels.toString();
  }
}
