package dev.tokenkit.servlet.leaks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GitHub's public-keys document, fetched by the host and cached (see {@link SecretScanningKeys#fromDocument}). */
final class PublishedKeys implements SecretScanningKeys {
  private static final Logger LOG = LoggerFactory.getLogger(PublishedKeys.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration MIN_REFETCH = Duration.ofMinutes(1);

  private final Supplier<String> fetcher;
  private final Duration maxAge;
  private final Clock clock;
  private Map<String, PublicKey> keys = Map.of();
  private Instant fetchedAt;
  private Instant triedAt;

  PublishedKeys(Supplier<String> fetcher, Duration maxAge, Clock clock) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
    }
    this.maxAge = maxAge;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized Optional<PublicKey> key(String keyIdentifier) {
    Instant now = clock.instant();
    boolean stale = fetchedAt == null || !now.isBefore(fetchedAt.plus(maxAge));
    boolean unknown = !keys.containsKey(keyIdentifier);
    if ((stale || unknown) && (triedAt == null || !now.isBefore(triedAt.plus(MIN_REFETCH)))) {
      triedAt = now;
      try {
        keys = parse(fetcher.get());
        fetchedAt = now;
      } catch (RuntimeException e) {
        LOG.warn("Could not read GitHub's secret scanning public keys ({}); keeping {} known keys", e.toString(),
            keys.size());
      }
    }
    return Optional.ofNullable(keys.get(keyIdentifier));
  }

  static Map<String, PublicKey> parse(String document) {
    JsonNode root;
    try {
      root = MAPPER.readTree(document);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("The public-keys document is not JSON", e);
    }
    JsonNode list = root == null ? null : root.get("public_keys");
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("The public-keys document has no 'public_keys' array");
    }
    Map<String, PublicKey> parsed = new HashMap<>();
    for (JsonNode k : list) {
      JsonNode id = k.get("key_identifier");
      JsonNode pem = k.get("key");
      if (id != null && id.isTextual() && pem != null && pem.isTextual()) {
        try {
          parsed.put(id.textValue(), EcKeys.parse(id.textValue(), pem.textValue()));
        } catch (IllegalArgumentException e) {
          LOG.warn("Skipping a key of GitHub's public-keys document ({})", e.getMessage());
        }
      }
    }
    return Map.copyOf(parsed);
  }
}
