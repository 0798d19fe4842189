package dev.tokenkit.benchmarks.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenkit.TokenFormat;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenFixtureTest {

  @Test
  void generatedTokensAreWellFormedDistinctAndMatchTheirStoredIds() {
    TokenFixture f = TokenFixture.generate(2_000, 3);
    TokenFormat format = TokenFormat.defaults();
    Set<String> raws = new HashSet<>();
    for (int i = 0; i < f.size(); i++) {
      assertThat(format.isWellFormed(f.raw(i))).isTrue();
      assertThat(format.idOf(f.raw(i))).isEqualTo(f.stored()[i].id());
      raws.add(f.raw(i));
    }
    assertThat(raws).hasSize(2_000);
  }

  @Test
  void theSameSeedGivesTheSameTokensAndToStringShowsNone() {
    TokenFixture a = TokenFixture.generate(10, 99);
    TokenFixture b = TokenFixture.generate(10, 99);
    assertThat(a.raw(9)).isEqualTo(b.raw(9));
    assertThat(a.toString()).doesNotContain(a.raw(0)).contains("10 tokens");
  }

  @Test
  void aCountBelowOneIsRejectedWithAHint() {
    assertThatThrownBy(() -> TokenFixture.generate(0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }
}
