package dev.tokenkit.jdbi;

import dev.tokenkit.AccessGrants;
import dev.tokenkit.AccessLevel;
import dev.tokenkit.IpRange;
import dev.tokenkit.Token;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.StoredToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds stored tokens for store tests. */
final class StoredTokens {
  static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");

  private StoredTokens() {}

  static StoredToken token(String id, String owner, String name, Instant createdAt) {
    Token t = new Token(id, "tk", name, "desc of " + name, owner, "READONLY",
        AccessGrants.of(Map.of("orders", AccessLevel.FULL, "*", AccessLevel.READ)), TokenStatus.ACTIVE, createdAt,
        createdAt, null, List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32")), null, null, 0);
    return new StoredToken(t, "sha256$hash-of-" + id, null, null);
  }

  static StoredToken token(String id, String owner, String name) {
    return token(id, owner, name, T0);
  }
}
