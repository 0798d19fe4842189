package dev.tokenkit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.AuditEvent;
import dev.tokenkit.AuditQuery;
import dev.tokenkit.AuthContext;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.Page;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.LastUse;
import dev.tokenkit.spi.StoredToken;
import dev.tokenkit.spi.TokenStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminBootstrapTest {
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final TokenService tokens = TokenService.builder().store(store).build();

  private String run(boolean reset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AdminBootstrap.run(tokens, reset, "restart with --reset-admin", new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String tokenLine(String output) {
    return output.lines().filter(l -> l.startsWith(AdminBootstrap.LINE_PREFIX)).findFirst()
        .map(l -> l.substring(AdminBootstrap.LINE_PREFIX.length())).orElse(null);
  }

  @Test
  void firstStartPrintsAWorkingAdminTokenOnce() {
    String first = run(false);
    String token = tokenLine(first);
    assertThat(token).startsWith("tk_");
    assertThat(tokens.authenticate(token, AuthContext.anyApi("127.0.0.1")).token().managesTokens()).isTrue();

    String second = run(false);
    assertThat(tokenLine(second)).isNull();
    assertThat(second).doesNotContain(token).contains("--reset-admin");
  }

  @Test
  void anExistingTokenThatManagesTokensMeansNoBootstrapToken() {
    tokens.issue(Actor.of("setup"), IssueRequest.builder("ops", "carol").role("ADMIN").build());
    tokens.issue(Actor.of("setup"), IssueRequest.builder("ci", "dave").role("READONLY").build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(AdminBootstrap.run(tokens, false, "hint", new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isEqualTo(AdminBootstrap.Outcome.ALREADY_PRESENT);
    assertThat(tokenLine(out.toString(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void onlyReadOnlyTokensStillGetAnAdminToken() {
    tokens.issue(Actor.of("setup"), IssueRequest.builder("ci", "dave").role("READONLY").build());
    assertThat(tokenLine(run(false))).startsWith("tk_");
  }

  @Test
  void resetRevokesTheOldTokenAndPrintsANewOne() {
    String old = tokenLine(run(false));
    String fresh = tokenLine(run(true));
    assertThat(fresh).isNotNull().isNotEqualTo(old);
    assertThat(tokens.authenticate(old, AuthContext.anyApi(null)).isVerified()).isFalse();
    assertThat(tokens.authenticate(fresh, AuthContext.anyApi(null)).isVerified()).isTrue();
    assertThat(AdminBootstrap.active(tokens)).hasSize(1);
  }

  @Test
  void twoInstancesStartingTogetherOnOneDatabasePrintOneToken() throws Exception {
    try (TokenService other = TokenService.builder().store(store).build()) {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      java.util.List<java.util.concurrent.Future<String>> outputs = new java.util.ArrayList<>();
      for (TokenService node : new TokenService[] {tokens, other}) {
        outputs.add(pool.submit(() -> {
          go.await();
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          AdminBootstrap.run(node, false, "restart with --reset-admin", new PrintStream(out, true, StandardCharsets.UTF_8));
          return out.toString(StandardCharsets.UTF_8);
        }));
      }
      go.countDown();
      int printed = 0;
      for (java.util.concurrent.Future<String> f : outputs) {
        printed += tokenLine(f.get(10, java.util.concurrent.TimeUnit.SECONDS)) == null ? 0 : 1;
      }
      pool.shutdown();
      assertThat(printed).isEqualTo(1);
      assertThat(AdminBootstrap.active(tokens)).hasSize(printed);
    }
  }

  /** Delegates to the shared store; runs {@code hook} once, right after the n-th list call read its page. */
  private static final class InterleavingStore implements TokenStore {
    private final TokenStore delegate;
    private final int n;
    private int lists;
    private Runnable hook;

    InterleavingStore(TokenStore delegate, int n, Runnable hook) {
      this.delegate = delegate;
      this.n = n;
      this.hook = hook;
    }

    @Override public void insert(StoredToken token) { delegate.insert(token); }
    @Override public Optional<StoredToken> findById(String id) { return delegate.findById(id); }
    @Override public void update(StoredToken token, long expectedVersion) { delegate.update(token, expectedVersion); }
    @Override public boolean delete(String id) { return delegate.delete(id); }
    @Override public void recordLastUse(Collection<LastUse> uses) { delegate.recordLastUse(uses); }
    @Override public void appendAudit(AuditEvent event) { delegate.appendAudit(event); }
    @Override public Page<AuditEvent> listAudit(AuditQuery query) { return delegate.listAudit(query); }

    @Override
    public Page<StoredToken> list(TokenQuery query, Instant now) {
      Page<StoredToken> page = delegate.list(query, now);
      if (++lists == n) {
        hook.run();
      }
      return page;
    }
  }

  @ParameterizedTest(name = "node A commits after node B's read number {0}")
  @ValueSource(ints = {1, 2, 3})
  void anInstanceWhoseTokenCommitsWhileAnotherIsLookingStillLeavesOneToken(int read) {
    // node B reads the store (count, active bootstrap tokens, all active tokens); after one of those reads node A
    // runs its whole bootstrap and commits its token
    ByteArrayOutputStream outB = new ByteArrayOutputStream();
    try (TokenService nodeB = TokenService.builder().store(new InterleavingStore(store, read, () -> run(false)))
        .build()) {
      AdminBootstrap.run(nodeB, false, "hint", new PrintStream(outB, true, StandardCharsets.UTF_8));
    }
    assertThat(AdminBootstrap.active(tokens)).hasSize(1);
  }
}
