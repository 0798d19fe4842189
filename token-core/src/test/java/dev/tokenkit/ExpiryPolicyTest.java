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

  @Test
  void withoutNeverAFixedDateBeyondTheLongestChoiceIsRefusedNamingTheLimit() {
    ExpiryPolicy p = ExpiryPolicy.builder().allowNever(false).build();
    assertThat(p.fixedDateLimit()).isEqualTo(Period.ofMonths(12));
    Instant latest = Instant.parse("2027-01-31T12:00:00Z");
    assertThat(p.resolve(Expiration.at(latest), NOW)).isEqualTo(latest);
    assertThatThrownBy(() -> p.resolve(Expiration.at(latest.plusMillis(1)), NOW))
        .isInstanceOf(ExpiryPolicyException.class)
        .hasMessageContaining("longest offered choice, 12 months")
        .hasMessageContaining("latest allowed: 2027-01-31T12:00:00Z");
    assertThatThrownBy(() -> p.resolve(Expiration.at(Instant.parse("+999999-01-01T00:00:00Z")), NOW))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> p.resolve(Expiration.at(Instant.parse("9999-01-01T00:00:00Z")), NOW))
        .isInstanceOf(ExpiryPolicyException.class).hasMessageContaining("12 months");
  }

  @Test
  void theLongestChoiceIsTheFarthestWhateverItsUnit() {
    ExpiryPolicy p = ExpiryPolicy.builder().allowNever(false)
        .choices(Expiration.days(400), Expiration.months(3), Expiration.months(12)).defaultChoice(Expiration.months(3))
        .build();
    assertThat(p.fixedDateLimit()).isEqualTo(Period.ofDays(400));
    assertThat(p.resolve(Expiration.at(NOW.plus(java.time.Duration.ofDays(399))), NOW)).isNotNull();
  }

  @Test
  void theMaximumLifetimeBoundsFixedDatesWhenSet() {
    ExpiryPolicy p = ExpiryPolicy.builder().maxLifetime(Period.ofMonths(6)).choices(Expiration.months(6)).build();
    assertThat(p.fixedDateLimit()).isEqualTo(Period.ofMonths(6));
    assertThatThrownBy(() -> p.resolve(Expiration.at(Instant.parse("2026-08-01T00:00:00Z")), NOW))
        .isInstanceOf(ExpiryPolicyException.class).hasMessageContaining("maximum lifetime of P6M");
  }

  @Test
  void whenNeverIsAllowedFixedDatesReachTheLastYearEveryStoreHolds() {
    ExpiryPolicy p = ExpiryPolicy.defaults();
    assertThat(p.fixedDateLimit()).isNull();
    Instant last = Instant.parse("9999-12-31T23:59:59.999Z");
    assertThat(p.resolve(Expiration.at(last), NOW)).isEqualTo(last);
    assertThatThrownBy(() -> Expiration.at(last.plusMillis(1)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("years 1970 to 9999");
    assertThatThrownBy(() -> Expiration.at(Instant.parse("+1000000000-12-31T23:59:59.999999999Z")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> Expiration.at(Instant.parse("1969-12-31T23:59:59Z")))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void anOfferedPeriodBeyondYear9999IsInvalidInputNotACrash() {
    ExpiryPolicy p = ExpiryPolicy.builder()
        .choices(Expiration.months(6), Expiration.after(Period.ofYears(999_999_999)), Expiration.days(Integer.MAX_VALUE))
        .build();
    assertThatThrownBy(() -> p.resolve(Expiration.after(Period.ofYears(999_999_999)), NOW))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("years 1970 to 9999");
    assertThatThrownBy(() -> p.resolve(Expiration.days(Integer.MAX_VALUE), NOW))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aPolicyWithoutNeverMustBoundFixedDates() {
    assertThatThrownBy(() -> ExpiryPolicy.builder().allowNever(false).choices()
        .defaultChoice(Expiration.at(Instant.parse("2030-01-01T00:00:00Z"))).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxLifetime");
  }

  @Test
  void queryBoundsMustLieInTheSupportedRange() {
    assertThatThrownBy(() -> TokenQuery.all().withExpiringBefore(Instant.MAX))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsKey("expiringBefore"));
    assertThat(TokenQuery.all().withExpiringBefore(Instant.parse("9999-12-31T00:00:00Z")).expiringBefore()).isNotNull();
  }
}
