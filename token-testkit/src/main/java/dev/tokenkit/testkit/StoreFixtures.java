package dev.tokenkit.testkit;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.IpRange;
import dev.tokenkit.Page;
import dev.tokenkit.Token;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.StoredToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stored tokens and helpers {@link TokenStoreContract} builds its cases from, for store authors who add cases
 * of their own. Stateless apart from a JVM-wide id counter; thread-safe.
 *
 * <pre>{@code
 * StoredToken t = StoreFixtures.storedToken(StoreFixtures.newId(), "alice", "ci", StoreFixtures.T0, null,
 *     TokenStatus.ACTIVE);
 * store.insert(t);
 * }</pre>
 */
public final class StoreFixtures {
  /** The creation instant of the contract's tokens: 2026-01-01T00:00:00Z. */
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  /** The secret hash the contract's tokens carry (a well-formed {@code $sha256$} value of no real token). */
  public static final String HASH = "$sha256$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  private static final AtomicInteger IDS = new AtomicInteger();

  private StoreFixtures() {}

  /**
   * A 16-character id, unique within the JVM run.
   *
   * @return the id
   */
  public static String newId() {
    return String.format("ct%014d", IDS.incrementAndGet());
  }

  /**
   * A stored token with typical fields: prefix {@code tk}, a description, role {@code READONLY}, grants
   * {@code orders=FULL, *=READ}, IPv4 and IPv6 ranges, never used, version 0, secret hash {@link #HASH}.
   *
   * @param id the id, e.g. from {@link #newId()}
   * @param owner the owner
   * @param name the name (unique per owner)
   * @param createdAt creation and update instant
   * @param expiresAt expiry, or {@code null} for never
   * @param status the stored status
   * @return the stored token
   */
  public static StoredToken storedToken(String id, String owner, String name, Instant createdAt, Instant expiresAt,
      TokenStatus status) {
    Token t = new Token(id, "tk", name, "desc of " + name, owner, "READONLY",
        AccessGrants.of(Map.of("orders", AccessLevel.FULL, "*", AccessLevel.READ)), status, createdAt, createdAt,
        expiresAt, List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32")), null, null, 0);
    return new StoredToken(t, HASH, null, null);
  }

  /** An active token with a new id that never expires. */
  static StoredToken token(String owner, String name, Instant createdAt) {
    return storedToken(newId(), owner, name, createdAt, null, TokenStatus.ACTIVE);
  }

  /** The next version of a stored token: renamed, with a new status, updated one second later. */
  static StoredToken next(StoredToken s, String newName, TokenStatus status) {
    Token t = s.token();
    return s.withToken(t.withName(newName).withStatus(status).nextVersion(t.updatedAt().plusSeconds(1)));
  }

  static List<String> ids(Page<StoredToken> page) {
    return page.items().stream().map(StoredToken::id).toList();
  }

  /** Runs the tasks on as many threads, released at once; waits up to 30 s for each result. */
  static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
