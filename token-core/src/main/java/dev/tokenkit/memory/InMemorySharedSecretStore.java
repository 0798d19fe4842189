package dev.tokenkit.memory;

import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.sharedsecret.DuplicateSharedSecretException;
import dev.tokenkit.sharedsecret.SharedSecretNotFoundException;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredSharedSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The shared secrets and nonce claims of an {@link InMemoryTokenStore}. Thread-safe. */
final class InMemorySharedSecretStore implements SharedSecretStore {
  private static final Comparator<StoredSharedSecret> NEWEST_FIRST = Comparator
      .comparing((StoredSharedSecret s) -> s.sharedSecret().createdAt()).thenComparing(StoredSharedSecret::id)
      .reversed();
  private static final int PURGE_EVERY = 1024;

  private final Map<String, StoredSharedSecret> secrets = new ConcurrentHashMap<>();
  private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
  private final AtomicLong claims = new AtomicLong();
  private final Consumer<String> changed;
  private final Object writeLock = new Object();

  InMemorySharedSecretStore(Consumer<String> changed) {
    this.changed = changed;
  }

  @Override
  public void insertSharedSecret(StoredSharedSecret secret) {
    synchronized (writeLock) {
      if (secrets.containsKey(secret.id())) {
        throw new IllegalStateException("a shared secret with id " + secret.id() + " already exists");
      }
      checkNameFree(secret);
      secrets.put(secret.id(), secret);
    }
    changed.accept(secret.id());
  }

  private void checkNameFree(StoredSharedSecret secret) {
    for (StoredSharedSecret other : secrets.values()) {
      if (!other.id().equals(secret.id()) && other.sharedSecret().name().equals(secret.sharedSecret().name())) {
        throw new DuplicateSharedSecretException(secret.sharedSecret().name());
      }
    }
  }

  @Override
  public Optional<StoredSharedSecret> findSharedSecret(String id) {
    return Optional.ofNullable(secrets.get(id));
  }

  @Override
  public List<StoredSharedSecret> listSharedSecrets() {
    List<StoredSharedSecret> all = new ArrayList<>(secrets.values());
    all.sort(NEWEST_FIRST);
    return all;
  }

  @Override
  public void updateSharedSecret(StoredSharedSecret secret, long expectedVersion) {
    if (secret.version() != expectedVersion + 1) {
      throw new IllegalArgumentException("the new version must be expectedVersion + 1");
    }
    synchronized (writeLock) {
      StoredSharedSecret current = secrets.get(secret.id());
      if (current == null) {
        throw new SharedSecretNotFoundException(secret.id());
      }
      if (current.version() != expectedVersion) {
        throw new ConcurrentUpdateException(secret.id(), expectedVersion);
      }
      checkNameFree(secret);
      secrets.put(secret.id(), secret);
    }
    changed.accept(secret.id());
  }

  @Override
  public boolean deleteSharedSecret(String id) {
    boolean removed;
    synchronized (writeLock) {
      removed = secrets.remove(id) != null;
    }
    if (removed) {
      changed.accept(id);
    }
    return removed;
  }

  @Override
  public boolean claimNonce(String keyId, String nonce, Instant rememberUntil, Instant now) {
    if (claims.incrementAndGet() % PURGE_EVERY == 0) {
      nonces.values().removeIf(until -> !until.isAfter(now));
    }
    String key = keyId.length() + ":" + keyId + nonce;
    Instant previous = nonces.putIfAbsent(key, rememberUntil);
    if (previous == null) {
      return true;
    }
    return !previous.isAfter(now) && nonces.replace(key, previous, rememberUntil);
  }

  int size() {
    return secrets.size();
  }
}
