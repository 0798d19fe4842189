package dev.tokenkit.spi;

import dev.tokenkit.AuditEvent;
import dev.tokenkit.ConcurrentUpdateException;
import dev.tokenkit.Page;
import dev.tokenkit.Token;
import dev.tokenkit.TokenNotFoundException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The default {@link TokenStore#revokeAll}: token by token through {@link TokenStore#update(StoredToken, long, AuditEvent)}. */
final class RevokeAllByUpdates {
  private static final int RETRIES = 5;

  private RevokeAllByUpdates() {}

  static List<String> revokeAll(TokenStore store, String owner, Instant at,
      Function<String, AuditEvent> eventFor) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(eventFor, "eventFor");
    List<String> revoked = new ArrayList<>();
    for (String id : unrevokedIdsOf(store, owner, at)) {
      if (revokeIfPresent(store, id, at, eventFor)) {
        revoked.add(id);
      }
    }
    return revoked;
  }

  private static List<String> unrevokedIdsOf(TokenStore store, String owner, Instant now) {
    List<String> ids = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withOwner(owner).withLimit(TokenQuery.MAX_LIMIT);
    Page<StoredToken> page;
    do {
      page = store.list(q, now);
      for (StoredToken s : page.items()) {
        if (s.token().status() != TokenStatus.REVOKED) {
          ids.add(s.id());
        }
      }
      q = q.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
    return ids;
  }

  /** Revokes one token, retrying lost races; {@code false} when it was revoked or deleted meanwhile. */
  private static boolean revokeIfPresent(TokenStore store, String id, Instant at,
      Function<String, AuditEvent> eventFor) {
    for (int attempt = 1; ; attempt++) {
      Optional<StoredToken> current = store.findById(id);
      if (current.isEmpty() || current.get().token().status() == TokenStatus.REVOKED) {
        return false;
      }
      StoredToken s = current.get();
      Token next = s.token().withStatus(TokenStatus.REVOKED).nextVersion(at);
      try {
        store.update(s.withToken(next), s.version(), eventFor.apply(id));
        return true;
      } catch (ConcurrentUpdateException e) {
        if (attempt >= RETRIES) {
          throw e;
        }
      } catch (TokenNotFoundException e) {
        return false; // deleted meanwhile
      }
    }
  }
}
