package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.MetricsListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TokenServiceMetricsTest {
  private record Sample(FailureReason failure, long nanos) {}

  private final List<Sample> samples = new CopyOnWriteArrayList<>();
  private final TokenService tokens = TokenService.builder().store(new InMemoryTokenStore())
      .metricsListener(new MetricsListener() {
        @Override
        public void authenticated(FailureReason failure, long nanos) {
          samples.add(new Sample(failure, nanos));
        }
      }).build();

  private String issue(String name) {
    return tokens.issue(Actor.of("t"), IssueRequest.builder(name, "alice").role("READONLY").build()).secret().reveal();
  }

  @Test
  void everyAuthenticationReportsItsOutcomeAndDuration() {
    String token = issue("a");
    tokens.authenticate(token, AuthContext.anyApi("127.0.0.1"));
    tokens.authenticate("not a token", AuthContext.anyApi("127.0.0.1"));
    tokens.authenticate(token, AuthContext.of("127.0.0.1", "orders", AccessLevel.FULL));
    assertThat(samples).extracting(Sample::failure)
        .containsExactly(null, FailureReason.MALFORMED, FailureReason.INSUFFICIENT_ACCESS);
    assertThat(samples).allSatisfy(s -> assertThat(s.nanos()).isPositive());
  }

  @Test
  void aFailingListenerNeverBreaksAuthentication() {
    TokenService service = TokenService.builder().store(new InMemoryTokenStore()).metricsListener(
        new MetricsListener() {
          @Override
          public void authenticated(FailureReason failure, long nanos) {
            throw new IllegalStateException("broken metrics");
          }
        }).build();
    String token = service.issue(Actor.of("t"), IssueRequest.builder("b", "bob").build()).secret().reveal();
    assertThat(service.authenticate(token, AuthContext.anyApi(null)).isVerified()).isTrue();
  }

  @Test
  void statisticsCountCacheHitsMissesAndLastUseFlushes() {
    String token = issue("c");
    TokenServiceStatistics before = tokens.statistics();
    tokens.authenticate(token, AuthContext.anyApi("127.0.0.1")); // miss: read from the store
    tokens.authenticate(token, AuthContext.anyApi("127.0.0.1")); // hit
    TokenServiceStatistics after = tokens.statistics();
    assertThat(after.cacheMisses() - before.cacheMisses()).isEqualTo(1);
    assertThat(after.cacheHits() - before.cacheHits()).isEqualTo(1);
    assertThat(after.cacheSize()).isEqualTo(1);
    assertThat(after.pendingLastUses()).isEqualTo(1);

    assertThat(tokens.flushLastUse()).isEqualTo(1);
    TokenServiceStatistics flushed = tokens.statistics();
    assertThat(flushed.pendingLastUses()).isZero();
    assertThat(flushed.lastUseFlushes()).isEqualTo(after.lastUseFlushes() + 1);
    assertThat(flushed.lastUseFlushFailures()).isZero();
    assertThat(flushed.lastUseFlushNanos()).isPositive();
  }
}
