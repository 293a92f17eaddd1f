package org.poxledger.platform.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.poxledger.contract.model.Currency;
import org.poxledger.platform.policy.RewardPolicy;

class MoneyTest {

    @Test
    void shows_minor_units_with_the_currency_s_decimals_and_symbol() {
        assertThat(Money.of(12500, RewardPolicy.DEFAULT_CURRENCY).display()).isEqualTo("125.00 PXC");
        assertThat(Money.of(7, RewardPolicy.DEFAULT_CURRENCY).display()).isEqualTo("0.07 PXC");
        assertThat(Money.of(7, new Currency(0, "PTS")).display()).isEqualTo("7 PTS");
        assertThat(Money.of(Long.MAX_VALUE, new Currency(8, "X")).display()).isEqualTo("92233720368.54775807 X");
    }
}
