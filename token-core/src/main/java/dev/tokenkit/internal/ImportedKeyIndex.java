package dev.tokenkit.internal;

import dev.tokenkit.imports.KeyImport;
import dev.tokenkit.spi.TokenChangeListener;
import dev.tokenkit.spi.TokenStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's mirror of the store's imported-key index (lookup to token id): imported keys that do not follow
 * TokenKit's format are found by the SHA-256 digest of the presented key ({@code d:...}) or by its leading
 * characters ({@code p:...}), never by scanning tokens. The request path never reads the store: the mirror is
 * loaded at start, updated by local imports, and reloaded in the background (at most every few seconds) when the
 * change feed reports a token this node does not know, so a key imported on another node works here moments
 * later. When no key was imported, a malformed token costs nothing extra. Thread-safe.
 */
public final class ImportedKeyIndex implements TokenChangeListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ImportedKeyIndex.class);
  private static final long MIN_RELOAD_GAP_NANOS = 2_000_000_000L;

  private final TokenStore store;
  private volatile Map<String, String> lookups = Map.of();
  private volatile int[] prefixLengths = new int[0];
  private volatile Set<String> knownIds = Set.of();
  private final AtomicBoolean reloading = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile long lastReload = System.nanoTime() - MIN_RELOAD_GAP_NANOS;
  /** Reloads run here, never on a request thread or the host's common pool (they read the store). */
  private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "tokenkit-imported-keys");
    t.setDaemon(true);
    return t;
  });

  /**
   * Creates the mirror and loads it (a failing store leaves it empty until the next reload).
   *
   * @param store the store
   */
  public ImportedKeyIndex(TokenStore store) {
    this.store = store;
    reloadQuietly();
  }

  /**
   * The token id of an imported key, from the mirror only.
   *
   * @param presented the presented text, not in TokenKit's format
   * @return the token id, or {@code null}
   */
  public String find(String presented) {
    Map<String, String> map = lookups;
    if (map.isEmpty() || presented == null || presented.length() < KeyImport.MIN_KEY_LENGTH
        || presented.length() > KeyImport.MAX_KEY_LENGTH) {
      return null;
    }
    byte[] bytes = new byte[presented.length()];
    for (int i = 0; i < bytes.length; i++) {
      char c = presented.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return null;
      }
      bytes[i] = (byte) c;
    }
    String id = map.get(KeyImport.digestLookup(bytes));
    if (id != null) {
      return id;
    }
    for (int length : prefixLengths) {
      if (length < presented.length()) {
        id = map.get("p:" + presented.substring(0, length));
        if (id != null) {
          return id;
        }
      }
    }
    return null;
  }

  /**
   * Records a key imported on this node.
   *
   * @param lookup its index entry
   * @param tokenId its token
   */
  public synchronized void add(String lookup, String tokenId) {
    Map<String, String> next = new HashMap<>(lookups);
    next.put(lookup, tokenId);
    publish(next);
  }

  private synchronized void publish(Map<String, String> next) {
    Set<Integer> lengths = new TreeSet<>();
    for (String lookup : next.keySet()) {
      if (lookup.startsWith("p:")) {
        lengths.add(lookup.length() - 2);
      }
    }
    prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    knownIds = Set.copyOf(next.values());
    lookups = Map.copyOf(next);
  }

  private void reloadQuietly() {
    if (!reloading.compareAndSet(false, true)) {
      return;
    }
    try {
      lastReload = System.nanoTime();
      publish(store.importedLookups());
    } catch (RuntimeException e) {
      LOG.warn("Could not load the imported-key index; retrying on the next change ({})", e.toString());
    } finally {
      reloading.set(false);
    }
  }

  @Override
  public void tokenChanged(String tokenId) {
    // a token this node does not know as imported may be a key imported on another node: reload soon, at most
    // once per gap (changes within the gap share one delayed reload)
    if (knownIds.contains(tokenId) || !pending.compareAndSet(false, true)) {
      return;
    }
    long wait = Math.max(0, MIN_RELOAD_GAP_NANOS - (System.nanoTime() - lastReload));
    try {
      reloader.schedule(() -> {
        pending.set(false);
        reloadQuietly();
      }, wait, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      pending.set(false);
    }
  }

  @Override
  public void allChanged() {
    try {
      reloader.execute(this::reloadQuietly);
    } catch (RejectedExecutionException closed) {
      // the service is closing
    }
  }

  /** Stops background reloads. */
  @Override
  public void close() {
    reloader.shutdownNow();
  }
}
