package dev.tokenkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {
  private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

  @Test
  void defaultsOfferThreeSixAndTwelveMonthsWithSixByDefault() {
    ExpiryPolicy p = ExpiryPolicy.defaults();
    assertThat(p.choices()).containsExactly(Expiration.months(3), Expiration.months(6), Expiration.months(12));
    assertThat(p.defaultChoice()).isEqualTo(Expiration.months(6));
    assertThat(p.resolve(null, NOW)).isEqualTo(Instant.parse("2026-07-31T12:00:00Z"));
    assertThat(p.resolve(Expiration.months(3), NOW)).isEqualTo(Instant.parse("2026-04-30T12:00:00Z"));
    assertThat(p.resolve(Expiration.never(), NOW)).isNull();
    assertThat(p.resolve(Expiration.at(NOW.plusSeconds(60)), NOW)).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void choicesThatAreNotOfferedAreRefused() {
    assertThatThrownBy(() -> ExpiryPolicy.defaults().resolve(Expiration.months(7), NOW))
        .isInstanceOf(ExpiryPolicyException.class)
        .hasMessageContaining("3 months, 6 months, 12 months");
  }

  @Test
  void fixedDatesMustBeInTheFuture() {
    assertThatThrownBy(() -> ExpiryPolicy.defaults().resolve(Expiration.at(NOW), NOW))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void maximumLifetimeIsEnforcedAndForbidsNever() {
    ExpiryPolicy p = ExpiryPolicy.builder().maxLifetime(Period.ofMonths(6)).build();
    assertThat(p.allowsNever()).isFalse();
    assertThat(p.resolve(Expiration.months(6), NOW)).isNotNull();
    assertThatThrownBy(() -> p.resolve(Expiration.months(12), NOW))
        .isInstanceOf(ExpiryPolicyException.class).hasMessageContaining("maximum lifetime");
    assertThatThrownBy(() -> p.resolve(Expiration.never(), NOW))
        .isInstanceOf(ExpiryPolicyException.class).hasMessageContaining("must expire");
    assertThatThrownBy(() -> p.resolve(Expiration.at(NOW.plusSeconds(200L * 24 * 3600)), NOW))
        .isInstanceOf(ExpiryPolicyException.class);
  }

  @Test
  void seedZeroStylePolicyOffersOnlyNeverOrADate() {
    ExpiryPolicy p = ExpiryPolicy.builder().choices().defaultChoice(Expiration.never()).build();
    assertThat(p.resolve(null, NOW)).isNull();
    assertThatThrownBy(() -> p.resolve(Expiration.months(6), NOW)).isInstanceOf(ExpiryPolicyException.class);
  }

  @Test
  void aDefaultThePolicyForbidsIsAConfigurationError() {
    assertThatThrownBy(() -> ExpiryPolicy.builder().allowNever(false).defaultChoice(Expiration.never()).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ExpiryPolicy.builder().maxLifetime(Period.ofMonths(3)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("6 months");
  }

  @Test
  void nonPositivePeriodsAreInvalid() {
    assertThatThrownBy(() -> Expiration.months(0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Expiration.days(-1)).isInstanceOf(InvalidInputException.class);
  }
}
