package dev.tokenkit;

import dev.tokenkit.spi.PageCursor;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read side under a {@link ManagementScope}: a token, a listing or the audit trail as a caller may see them.
 * Callers reaching every owner read straight from {@link TokenViews} and the store; owner-scoped callers see only
 * the tokens (and the events of tokens) of owners in reach. A listing over several owners without an owner filter
 * scans at most {@value #MAX_SCANNED} tokens or events per page and then returns what it found with a cursor to
 * continue. Thread-safe.
 */
final class ScopedReads {
  static final int MAX_SCANNED = 5_000;

  private final TokenStore store;
  private final TokenViews views;
  private final ScopeGuard guard;

  ScopedReads(TokenStore store, TokenViews views, ScopeGuard guard) {
    this.store = store;
    this.views = views;
    this.guard = guard;
  }

  Token get(Actor actor, String id) {
    Objects.requireNonNull(actor, "actor");
    Token t = views.get(id);
    guard.token(actor, ManagementOperation.VIEW, t);
    return t;
  }

  Page<Token> list(Actor actor, TokenQuery query) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(query, "query");
    if (ScopeGuard.unlimited(actor)) {
      return views.list(query);
    }
    ManagementScope scope = actor.scope();
    if (query.owner() != null) {
      guard.ownerNamed(actor, ManagementOperation.LIST, query.owner());
      return views.list(query);
    }
    guard.operation(actor, ManagementOperation.LIST, ScopeGuard.NO_TOKEN);
    if (scope.reach() == ManagementScope.Reach.ALL) {
      return views.list(query);
    }
    if (scope.owners().size() == 1) {
      return views.list(query.withOwner(scope.owners().iterator().next()));
    }
    return scan(query.limit(), query.cursor(), c -> views.list(query.withLimit(TokenQuery.MAX_LIMIT).withCursor(c)),
        t -> scope.reaches(t.owner()), t -> new PageCursor(t.createdAt(), t.id()));
  }

  Page<AuditEvent> audit(Actor actor, AuditQuery query) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(query, "query");
    if (ScopeGuard.unlimited(actor)) {
      return store.listAudit(query);
    }
    ManagementScope scope = actor.scope();
    if (query.tokenId() != null) {
      Optional<StoredToken> token = store.findById(query.tokenId());
      if (token.isPresent()) {
        guard.token(actor, ManagementOperation.AUDIT, token.get().token());
      } else {
        guard.operation(actor, ManagementOperation.AUDIT, query.tokenId());
        if (scope.reach() != ManagementScope.Reach.ALL) {
          guard.refuse(actor, query.tokenId(), "reach over all owners (token '" + query.tokenId()
              + "' no longer exists, so its owner is unknown)");
        }
      }
      return store.listAudit(query);
    }
    guard.operation(actor, ManagementOperation.AUDIT, ScopeGuard.NO_TOKEN);
    if (scope.reach() == ManagementScope.Reach.ALL) {
      return store.listAudit(query);
    }
    Map<String, Boolean> inReach = new HashMap<>();
    return scan(query.limit(), query.cursor(),
        c -> store.listAudit(query.withLimit(TokenQuery.MAX_LIMIT).withCursor(c)),
        e -> inReach.computeIfAbsent(e.tokenId(),
            id -> store.findById(id).map(s -> scope.reaches(s.token().owner())).orElse(false)),
        e -> new PageCursor(e.at(), e.id()));
  }

  /** Pages through a newest-first source, keeping matching items until the limit or the scan budget is reached. */
  private static <T> Page<T> scan(int limit, String cursor, Function<String, Page<T>> source,
      java.util.function.Predicate<T> keep, Function<T, PageCursor> position) {
    List<T> items = new ArrayList<>();
    String next = cursor;
    int scanned = 0;
    while (true) {
      Page<T> page = source.apply(next);
      for (T item : page.items()) {
        scanned++;
        if (keep.test(item)) {
          items.add(item);
          if (items.size() == limit) {
            return new Page<>(items, position.apply(item).encode());
          }
        }
      }
      next = page.nextCursor();
      if (next == null || scanned >= MAX_SCANNED) {
        return new Page<>(items, next);
      }
    }
  }
}
