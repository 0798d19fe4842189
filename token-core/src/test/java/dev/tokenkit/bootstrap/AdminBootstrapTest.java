package dev.tokenkit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.Actor;
import dev.tokenkit.AuthContext;
import dev.tokenkit.IssueRequest;
import dev.tokenkit.TokenService;
import dev.tokenkit.memory.InMemoryTokenStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
