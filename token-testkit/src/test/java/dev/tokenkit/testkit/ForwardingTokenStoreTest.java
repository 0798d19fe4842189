package dev.tokenkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.AuditQuery;
import dev.tokenkit.StoreUnavailableException;
import dev.tokenkit.TokenQuery;
import dev.tokenkit.memory.InMemoryTokenStore;
import dev.tokenkit.spi.TokenStore;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** ForwardingTokenStore forwards every call: it passes the whole contract, and overriding delegate() sees all. */
class ForwardingTokenStoreTest {

  /** The whole store contract through a forwarding store that overrides nothing. */
  @Nested
  class PlainForwardingStorePassesTheContract extends TokenStoreContract implements UsageQuotaContract,
      LifecycleNoticeContract, ImportedKeyContract {
    @Override
    protected TokenStore newStore() {
      return new ForwardingTokenStore(new InMemoryTokenStore()) {};
    }
  }

  @Test
  void everyTokenStoreMethodIsForwardedDefaultMethodsIncluded() {
    for (Method m : TokenStore.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      Method declared;
      try {
        declared = ForwardingTokenStore.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
      } catch (NoSuchMethodException e) {
        throw new AssertionError("ForwardingTokenStore does not forward TokenStore." + m.getName(), e);
      }
      assertThat(Modifier.isFinal(declared.getModifiers())).as(m.getName() + " can be overridden").isFalse();
    }
  }

  @Test
  void overridingDelegateInterceptsEveryCallIncludingSubscribeAndClose() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicBoolean closed = new AtomicBoolean();
    InMemoryTokenStore real = new InMemoryTokenStore();
    TokenStore counted = new ForwardingTokenStore(new ForwardingTokenStore(real) {
      @Override
      public void close() {
        closed.set(true);
      }
    }) {
      @Override
      protected TokenStore delegate() {
        calls.incrementAndGet();
        return super.delegate();
      }
    };
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    counted.insert(StoreFixtures.storedToken(StoreFixtures.newId(), "alice", "ci", now, null,
        dev.tokenkit.TokenStatus.ACTIVE));
    String id = counted.list(TokenQuery.all(), now).items().get(0).id();
    assertThat(counted.findById(id)).isPresent();
    counted.recordLastUse(List.of());
    counted.listAudit(AuditQuery.all());
    counted.subscribe(tokenId -> { }).close();
    assertThat(counted.delete(id)).isTrue();
    counted.close();

    assertThat(calls.get()).isEqualTo(8);
    assertThat(closed).isTrue();
  }

  @Test
  void aSubclassCanTakeTheStoreDownForEveryCall() {
    AtomicBoolean down = new AtomicBoolean();
    TokenStore flaky = new ForwardingTokenStore(new InMemoryTokenStore()) {
      @Override
      protected TokenStore delegate() {
        if (down.get()) {
          throw new StoreUnavailableException("database down (test)", null);
        }
        return super.delegate();
      }
    };
    assertThat(flaky.findById("doesnotexist0000")).isEqualTo(Optional.empty());
    down.set(true);
    assertThatThrownBy(() -> flaky.findById("doesnotexist0000")).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> flaky.list(TokenQuery.all(), Instant.now())).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void aNullDelegateIsRefusedAtOnce() {
    assertThatThrownBy(() -> new ForwardingTokenStore(null) {}).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("delegate");
  }
}
