package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Currency;
import org.poxledger.platform.policy.RewardPolicy;

class PortalFormatsTest {

    private final PortalFormats fmt = new PortalFormats(RewardPolicy.DEFAULT_CURRENCY);

    @Test
    void shows_scores_in_basis_points_as_decimals_with_at_least_two_places() {
        assertThat(fmt.score(35000)).isEqualTo("3.50");
        assertThat(fmt.score(0)).isEqualTo("0.00");
        assertThat(fmt.score(12345)).isEqualTo("1.2345");
        assertThat(fmt.score(1_000_000)).isEqualTo("100.00");
    }

    @Test
    void shows_rates_as_factors_and_shares_as_percentages() {
        assertThat(fmt.rate(12500)).isEqualTo("1.25×");
        assertThat(fmt.percent(2000)).isEqualTo("20%");
        assertThat(fmt.percent(10000)).isEqualTo("100%");
    }

    @Test
    void shows_minor_units_with_the_currency_decimals_and_symbol() {
        assertThat(fmt.money(1250)).isEqualTo("12.50 PXC");
        assertThat(fmt.amount(5)).isEqualTo("0.05");
        assertThat(new PortalFormats(new Currency(0, "PTS")).money(42)).isEqualTo("42 PTS");
    }

    @Test
    void shows_times_in_utc() {
        assertThat(fmt.time(0L)).isEqualTo("1970-01-01 00:00 UTC");
        assertThat(fmt.iso(0L)).isEqualTo("1970-01-01T00:00:00Z");
    }
}
