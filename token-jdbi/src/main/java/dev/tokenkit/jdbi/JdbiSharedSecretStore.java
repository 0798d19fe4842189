package dev.tokenkit.jdbi;

import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.sharedsecret.DuplicateSharedSecretException;
import dev.tokenkit.sharedsecret.SharedSecretNotFoundException;
import dev.tokenkit.spi.SharedSecretStore;
import dev.tokenkit.spi.StoredSharedSecret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared secrets of a {@link JdbiTokenStore}: same database, prefix and change feed (every change appends the
 * secret's id to the change sequence in its transaction, so other nodes drop their cached values). Nonce claims
 * are rows with a primary key on (key id, nonce): the first insert wins on every node. Thread-safe.
 */
final class JdbiSharedSecretStore implements SharedSecretStore {
  private static final int PURGE_EVERY = 1024;

  private final Db db;
  private final SharedSecretRows rows;
  private final ChangeLog changes;
  private final AtomicLong claims = new AtomicLong();

  JdbiSharedSecretStore(Db db, ChangeLog changes) {
    this.db = db;
    this.rows = new SharedSecretRows(db.tables);
    this.changes = changes;
  }

  @Override
  public void insertSharedSecret(StoredSharedSecret secret) {
    Objects.requireNonNull(secret, "secret");
    try {
      db.inTransaction("insert shared secret", h -> {
        rows.insert(h, secret);
        changes.record(h, db.dialect(), secret.id());
        return null;
      });
    } catch (RuntimeException e) {
      if (!SqlErrors.hasState(e, SqlErrors.UNIQUE_VIOLATION)) {
        throw e;
      }
      if (db.call("check shared secret id", h -> rows.exists(h, secret.id()))) {
        throw new IllegalStateException("A shared secret with id " + secret.id() + " already exists", e);
      }
      throw new DuplicateSharedSecretException(secret.sharedSecret().name());
    }
  }

  @Override
  public Optional<StoredSharedSecret> findSharedSecret(String id) {
    Objects.requireNonNull(id, "id");
    return db.call("find shared secret", h -> rows.find(h, id));
  }

  @Override
  public List<StoredSharedSecret> listSharedSecrets() {
    return db.call("list shared secrets", h -> rows.list(h, db.dialect()));
  }

  @Override
  public void updateSharedSecret(StoredSharedSecret secret, long expectedVersion) {
    Objects.requireNonNull(secret, "secret");
    if (secret.version() != expectedVersion + 1) {
      throw new IllegalArgumentException("the new version must be expectedVersion + 1, got " + secret.version()
          + " for expected " + expectedVersion);
    }
    try {
      db.inTransaction("update shared secret", h -> {
        if (rows.update(h, secret, expectedVersion) == 1) {
          changes.record(h, db.dialect(), secret.id());
          return null;
        }
        if (!rows.exists(h, secret.id())) {
          throw new SharedSecretNotFoundException(secret.id());
        }
        throw new ConcurrentUpdateException(secret.id(), expectedVersion);
      });
    } catch (RuntimeException e) {
      if (SqlErrors.hasState(e, SqlErrors.UNIQUE_VIOLATION)) {
        throw new DuplicateSharedSecretException(secret.sharedSecret().name());
      }
      throw e;
    }
  }

  @Override
  public boolean deleteSharedSecret(String id) {
    Objects.requireNonNull(id, "id");
    return db.inTransaction("delete shared secret", h -> {
      if (!rows.delete(h, id)) {
        return false;
      }
      changes.record(h, db.dialect(), id);
      return true;
    });
  }

  @Override
  public boolean claimNonce(String keyId, String nonce, Instant rememberUntil, Instant now) {
    if (claims.incrementAndGet() % PURGE_EVERY == 0) {
      db.call("purge signature nonces", h -> rows.purgeNonces(h, now));
    }
    // each statement commits on its own: a failed insert must not abort a surrounding transaction (PostgreSQL)
    if (db.call("reclaim signature nonce", h -> rows.reclaimNonce(h, keyId, nonce, rememberUntil, now))) {
      return true;
    }
    try {
      db.call("claim signature nonce", h -> {
        rows.insertNonce(h, keyId, nonce, rememberUntil);
        return null;
      });
      return true;
    } catch (RuntimeException e) {
      if (SqlErrors.hasState(e, SqlErrors.UNIQUE_VIOLATION)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "JdbiSharedSecretStore[tablePrefix=" + db.tables.prefix + "]";
  }
}
