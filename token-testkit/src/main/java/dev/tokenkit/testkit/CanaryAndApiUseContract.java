package dev.tokenkit.testkit;

import static dev.tokenkit.testkit.StoreFixtures.T0;
import static dev.tokenkit.testkit.StoreFixtures.next;
import static dev.tokenkit.testkit.StoreFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenkit.TokenQuery;
import dev.tokenkit.TokenStatus;
import dev.tokenkit.spi.ApiUse;
import dev.tokenkit.spi.StoredToken;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the canary flag is kept through every read and change; per-API last uses (for stores that keep them,
 * {@code recordsApiUse()}) move only forward, per token and API, ignore unknown tokens and go with a deleted token.
 */
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

  @Test
  default void apiUsesMoveForwardPerTokenAndApiAndGoWithTheToken() {
    StoredToken a = token("alice", "api-a", T0);
    StoredToken b = token("alice", "api-b", T0);
    store().insert(a);
    store().insert(b);
    store().recordApiUse(List.of(new ApiUse(a.id(), "orders", T0.plusSeconds(10)),
        new ApiUse(a.id(), "billing", T0.plusSeconds(20)), new ApiUse(b.id(), "orders", T0.plusSeconds(30)),
        new ApiUse("gone000000000000", "orders", T0)));
    store().recordApiUse(List.of(new ApiUse(a.id(), "orders", T0.plusSeconds(5)),
        new ApiUse(a.id(), "billing", T0.plusSeconds(40))));
    List<ApiUse> uses = store().apiUses(List.of(a.id(), b.id(), "gone000000000000")).stream()
        .sorted(Comparator.comparing(ApiUse::tokenId).thenComparing(ApiUse::api)).toList();
    if (!store().recordsApiUse()) {
      assertThat(uses).as("a store without per-API uses returns none").isEmpty();
      return;
    }
    assertThat(uses).containsExactlyInAnyOrder(new ApiUse(a.id(), "orders", T0.plusSeconds(10)),
        new ApiUse(a.id(), "billing", T0.plusSeconds(40)), new ApiUse(b.id(), "orders", T0.plusSeconds(30)));
    assertThat(store().findById(a.id()).orElseThrow().version()).as("no version change").isZero();
    assertThat(store().apiUses(List.of())).isEmpty();

    store().delete(a.id());
    assertThat(store().apiUses(List.of(a.id(), b.id()))).containsExactly(new ApiUse(b.id(), "orders",
        T0.plusSeconds(30)));
  }
}
