package dev.tokenkit;

import dev.tokenkit.internal.LastUseRecorder;
import dev.tokenkit.internal.TimeSource;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read side of {@link TokenService}: tokens as callers see them, with the effective status (EXPIRED from the
 * clock) and the latest use including uses not yet flushed to the store. Thread-safe.
 */
final class TokenViews {
  private final TokenStore store;
  private final TimeSource time;
  private final LastUseRecorder lastUse;

  TokenViews(TokenStore store, TimeSource time, LastUseRecorder lastUse) {
    this.store = store;
    this.time = time;
    this.lastUse = lastUse;
  }

  Token get(String id) {
    return view(load(id).token());
  }

  Optional<Token> find(String id) {
    return store.findById(Objects.requireNonNull(id, "id")).map(s -> view(s.token()));
  }

  Page<Token> list(TokenQuery query) {
    Page<StoredToken> page = store.list(Objects.requireNonNull(query, "query"), time.now());
    List<Token> items = new ArrayList<>(page.items().size());
    for (StoredToken s : page.items()) {
      items.add(view(s.token()));
    }
    return new Page<>(items, page.nextCursor());
  }

  List<Token> expiringWithin(Duration within) {
    Instant before = time.now().plus(Objects.requireNonNull(within, "within"));
    List<Token> out = new ArrayList<>();
    TokenQuery q = TokenQuery.all().withStatus(TokenStatus.ACTIVE).withExpiringBefore(before)
        .withLimit(TokenQuery.MAX_LIMIT);
    Page<Token> page;
    do {
      page = list(q);
      out.addAll(page.items());
      q = q.withCursor(page.nextCursor());
    } while (page.nextCursor() != null);
    out.sort(Comparator.comparing(Token::expiresAt));
    return out;
  }

  /** The stored token; throws when there is none. */
  StoredToken load(String id) {
    Objects.requireNonNull(id, "id");
    return store.findById(id).orElseThrow(() -> new TokenNotFoundException(id));
  }

  /** A token as callers see it: effective status, and a pending use when it is newer than the stored one. */
  Token view(Token t) {
    Token v = t.withStatus(TokenStatus.effective(t.status(), t.expiresAt(), time.now()));
    LastUse pending = lastUse.pending(t.id());
    if (pending != null && (v.lastUsedAt() == null || pending.at().isAfter(v.lastUsedAt()))) {
      v = v.withLastUsed(TimeSource.truncate(pending.at()), pending.ip());
    }
    return v;
  }
}
