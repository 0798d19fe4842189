package dev.tokenkit.servlet.leaks;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public keys a secret scanner signs its reports with, by key identifier (GitHub's
 * {@code Github-Public-Key-Identifier}). Implementations must be thread-safe; the built-in ones are.
 *
 * <pre>{@code
 * // keys configured by the host (e.g. copied from https://api.github.com/meta/public_keys/secret_scanning)
 * SecretScanningKeys keys = SecretScanningKeys.configured(Map.of("bcb53661...", pemText));
 * // or GitHub's public-keys document, fetched by the host's own HTTP client and cached here
 * SecretScanningKeys keys = SecretScanningKeys.fromDocument(() -> http.get(GITHUB_KEYS_URL), Duration.ofHours(1));
 * }</pre>
 */
@FunctionalInterface
public interface SecretScanningKeys {

  /**
   * The ECDSA P-256 public key with this identifier.
   *
   * @param keyIdentifier the identifier the report names; never {@code null}
   * @return the key, or empty when the identifier is unknown
   */
  Optional<PublicKey> key(String keyIdentifier);

  /**
   * Fixed keys.
   *
   * @param pemByIdentifier key identifier to PEM text ({@code -----BEGIN PUBLIC KEY-----} ...); never {@code null}
   * @return the keys
   * @throws IllegalArgumentException when a text is not an ECDSA P-256 public key (the message names its identifier)
   */
  static SecretScanningKeys configured(Map<String, String> pemByIdentifier) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    pemByIdentifier.forEach((id, pem) -> keys.put(Objects.requireNonNull(id, "identifier"), EcKeys.parse(id, pem)));
    Map<String, PublicKey> fixed = Map.copyOf(keys);
    return id -> Optional.ofNullable(fixed.get(id));
  }

  /**
   * GitHub's public-keys document ({@code {"public_keys":[{"key_identifier","key","is_current"}]}}, served at
   * {@code https://api.github.com/meta/public_keys/secret_scanning}), fetched by the host's {@code fetcher} and
   * cached for {@code maxAge}. An identifier not in the cached document fetches it again, at most once a minute, so
   * a new GitHub key works at once and unknown identifiers cannot make this node hammer GitHub. A failing fetch keeps
   * the keys fetched before.
   *
   * @param fetcher returns the document's JSON text (the host does the HTTP call, e.g. with a GitHub token against
   *     rate limits); never {@code null}
   * @param maxAge how long a fetched document is used, positive
   * @return the keys
   */
  static SecretScanningKeys fromDocument(Supplier<String> fetcher, Duration maxAge) {
    return new PublishedKeys(fetcher, maxAge, Clock.systemUTC());
  }

  /**
   * As {@link #fromDocument(Supplier, Duration)}, on a given clock (tests).
   *
   * @param fetcher returns the document's JSON text; never {@code null}
   * @param maxAge how long a fetched document is used, positive
   * @param clock the clock deciding ages
   * @return the keys
   */
  static SecretScanningKeys fromDocument(Supplier<String> fetcher, Duration maxAge, Clock clock) {
    return new PublishedKeys(fetcher, maxAge, clock);
  }
}
