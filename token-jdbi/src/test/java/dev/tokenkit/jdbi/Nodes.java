package dev.tokenkit.jdbi;

import dev.tokenkit.AccessLevel;
import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.AuthOutcome;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.IssuedToken;
import dev.tokenkit.TokenService;
import dev.tokenkit.spi.TokenStore;
import java.time.Duration;
import java.util.Map;

/** Helpers for tests that run several TokenService "nodes" over one database. */
final class Nodes {
  static final Actor ADMIN = Actor.of("admin");
  static final AuthContext READ_ORDERS = AuthContext.of("203.0.113.7", "orders", AccessLevel.READ);

  private Nodes() {}

  /** A node whose cache would keep entries for 10 minutes: only the change feed can make it forget. */
  static TokenService node(TokenStore store) {
    return TokenService.builder().store(store).cacheTtl(Duration.ofMinutes(10))
        .lastUseFlushInterval(Duration.ofHours(1)).build();
  }

  static IssuedToken issue(TokenService node, String name) {
    return node.issue(ADMIN, IssueRequest.builder(name, "alice").access(Map.of("orders", AccessLevel.FULL)).build());
  }

  static AuthOutcome auth(TokenService node, IssuedToken token) {
    return node.authenticate(token.secret().reveal(), READ_ORDERS);
  }

  /** Authenticates until rejected; returns the milliseconds it took, or -1 when still accepted at the deadline. */
  static long millisUntilRejected(TokenService node, IssuedToken token, long since, Duration deadline)
      throws InterruptedException {
    long end = since + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (!auth(node, token).isVerified()) {
        return (System.nanoTime() - since) / 1_000_000;
      }
      Thread.sleep(2);
    }
    return -1;
  }
}
