package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.next;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.StoredToken;
import org.junit.jupiter.api.Test;

/** Issue 19: the canary flag is kept through every read and change. */
interface CanaryAndApiUseContract extends ContractPart {

  @Test
  default void canaryFlagIsStoredReadListedAndKeptByUpdates() {
    StoredToken plain = token("alice", "plain", T0);
    StoredToken canary = token("alice", "bait", T0.plusSeconds(1));
    canary = canary.withToken(canary.token().withCanary(true));
    store().insert(plain);
    store().insert(canary);

    assertThat(store().findById(canary.id()).orElseThrow().token().canary()).isTrue();
    assertThat(store().findById(plain.id()).orElseThrow().token().canary()).isFalse();
    assertThat(store().list(TokenQuery.all().withOwner("alice"), T0).items())
        .extracting(s -> s.token().canary()).containsExactly(true, false);

    store().update(next(canary, "bait-renamed", TokenStatus.DISABLED), 0);
    StoredToken after = store().findById(canary.id()).orElseThrow();
    assertThat(after.token().canary()).isTrue();
    assertThat(after.token().name()).isEqualTo("bait-renamed");
  }
}
