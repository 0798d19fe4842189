package dev.tokenkit.jdbi;

import dev.tokenkit.sharedsecret.SharedSecret;
import dev.tokenkit.spi.StoredSharedSecret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the shared-secrets and signature-nonces tables. Stateless apart from the names. */
final class SharedSecretRows {
  private static final String COLUMNS = "id, name, created_at, updated_at, previous_valid_until, ciphertext, "
      + "previous_ciphertext, version";

  private final TableNames t;

  SharedSecretRows(TableNames tables) {
    this.t = tables;
  }

  void insert(Handle h, StoredSharedSecret s) {
    h.createUpdate("INSERT INTO " + t.sharedSecrets + " (" + COLUMNS + ") VALUES (:id, :name, :createdAt, "
            + ":updatedAt, :previousUntil, :ciphertext, :previousCiphertext, :version)")
        .bind("createdAt", Timestamps.of(s.sharedSecret().createdAt()))
        .bindMap(values(s))
        .execute();
  }

  int update(Handle h, StoredSharedSecret s, long expectedVersion) {
    return h.createUpdate("UPDATE " + t.sharedSecrets + " SET name = :name, updated_at = :updatedAt, "
            + "previous_valid_until = :previousUntil, ciphertext = :ciphertext, previous_ciphertext = "
            + ":previousCiphertext, version = :version WHERE id = :id AND version = :expected")
        .bind("expected", expectedVersion)
        .bindMap(values(s))
        .execute();
  }

  /** The values every write binds (all columns but {@code created_at}). */
  private static Map<String, Object> values(StoredSharedSecret s) {
    SharedSecret m = s.sharedSecret();
    Map<String, Object> v = new HashMap<>();
    v.put("id", m.id());
    v.put("name", m.name());
    v.put("updatedAt", Timestamps.of(m.updatedAt()));
    v.put("previousUntil", Timestamps.of(m.previousValidUntil()));
    v.put("ciphertext", s.ciphertext());
    v.put("previousCiphertext", s.previousCiphertext());
    v.put("version", m.version());
    return v;
  }

  boolean exists(Handle h, String id) {
    return h.createQuery("SELECT 1 FROM " + t.sharedSecrets + " WHERE id = :id").bind("id", id)
        .mapTo(Integer.class).findOne().isPresent();
  }

  Optional<StoredSharedSecret> find(Handle h, String id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM " + t.sharedSecrets + " WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> read(rs)).findOne();
  }

  List<StoredSharedSecret> list(Handle h, Dialect dialect) {
    return h.createQuery("SELECT " + COLUMNS + " FROM " + t.sharedSecrets + " ORDER BY created_at DESC, "
        + dialect.orderedId + " DESC").map((rs, ctx) -> read(rs)).list();
  }

  boolean delete(Handle h, String id) {
    return h.createUpdate("DELETE FROM " + t.sharedSecrets + " WHERE id = :id").bind("id", id).execute() == 1;
  }

  /** Takes over an expired claim; returns whether it did. */
  boolean reclaimNonce(Handle h, String keyId, String nonce, Instant until, Instant now) {
    return h.createUpdate("UPDATE " + t.nonces + " SET expires_at = :until WHERE key_id = :keyId AND nonce = :nonce "
            + "AND expires_at <= :now")
        .bind("keyId", keyId).bind("nonce", nonce).bind("until", Timestamps.of(until)).bind("now", Timestamps.of(now))
        .execute() == 1;
  }

  void insertNonce(Handle h, String keyId, String nonce, Instant until) {
    h.createUpdate("INSERT INTO " + t.nonces + " (key_id, nonce, expires_at) VALUES (:keyId, :nonce, :until)")
        .bind("keyId", keyId).bind("nonce", nonce).bind("until", Timestamps.of(until)).execute();
  }

  int purgeNonces(Handle h, Instant now) {
    return h.createUpdate("DELETE FROM " + t.nonces + " WHERE expires_at <= :now").bind("now", Timestamps.of(now))
        .execute();
  }

  private static StoredSharedSecret read(ResultSet rs) throws SQLException {
    SharedSecret m = new SharedSecret(rs.getString("id"), rs.getString("name"), Timestamps.read(rs, "created_at"),
        Timestamps.read(rs, "updated_at"), Timestamps.read(rs, "previous_valid_until"), rs.getLong("version"));
    return new StoredSharedSecret(m, rs.getString("ciphertext"), rs.getString("previous_ciphertext"));
  }
}
