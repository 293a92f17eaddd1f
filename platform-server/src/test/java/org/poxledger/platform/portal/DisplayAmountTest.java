package org.poxledger.platform.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DisplayAmountTest {

    @Test
    void reads_whole_and_decimal_amounts_as_exact_minor_units() {
        assertThat(DisplayAmount.toMinorUnits("12.50", 2, "PXC")).isEqualTo(1250);
        assertThat(DisplayAmount.toMinorUnits("12.5", 2, "PXC")).isEqualTo(1250);
        assertThat(DisplayAmount.toMinorUnits(" 7 ", 2, "PXC")).isEqualTo(700);
        assertThat(DisplayAmount.toMinorUnits("0.01", 2, "PXC")).isEqualTo(1);
        assertThat(DisplayAmount.toMinorUnits(".5", 2, "PXC")).isEqualTo(50);
        assertThat(DisplayAmount.toMinorUnits("3.", 2, "PXC")).isEqualTo(300);
        assertThat(DisplayAmount.toMinorUnits("0.1", 8, "BTC")).isEqualTo(10_000_000);
        assertThat(DisplayAmount.toMinorUnits("42", 0, "PTS")).isEqualTo(42);
    }

    @Test
    void keeps_digits_a_double_would_lose() {
        // 0.29 * 100 = 28.999999999999996 in floating point
        assertThat(DisplayAmount.toMinorUnits("0.29", 2, "PXC")).isEqualTo(29);
        assertThat(DisplayAmount.toMinorUnits("92233720368547758.07", 2, "PXC")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refuses_more_decimals_than_the_currency_has_instead_of_rounding() {
        assertThatThrownBy(() -> DisplayAmount.toMinorUnits("12.345", 2, "PXC"))
                .isInstanceOf(DisplayAmount.InvalidAmount.class)
                .hasMessage("PXC has 2 decimals: \"12.345\" has 3.");
        assertThatThrownBy(() -> DisplayAmount.toMinorUnits("1.5", 0, "PTS"))
                .hasMessage("PTS has no decimals: enter a whole number.");
    }

    @Test
    void refuses_anything_that_is_not_a_positive_decimal_number() {
        for (String typed : new String[] {"abc", "-5", "+5", "1,50", "1e3", "1.2.3", ".", "12 50", "NaN", "٣"}) {
            assertThatThrownBy(() -> DisplayAmount.toMinorUnits(typed, 2, "PXC"))
                    .as(typed)
                    .isInstanceOf(DisplayAmount.InvalidAmount.class)
                    .hasMessageStartingWith("Enter a number such as 12.50");
        }
        assertThatThrownBy(() -> DisplayAmount.toMinorUnits("  ", 2, "PXC")).hasMessage("Enter an amount.");
        assertThatThrownBy(() -> DisplayAmount.toMinorUnits(null, 2, "PXC")).hasMessage("Enter an amount.");
        assertThatThrownBy(() -> DisplayAmount.toMinorUnits("0.00", 2, "PXC"))
                .hasMessage("The amount must be more than 0.");
    }

    @Test
    void refuses_amounts_beyond_a_64_bit_integer() {
        assertThatThrownBy(() -> DisplayAmount.toMinorUnits("92233720368547758.08", 2, "PXC"))
                .hasMessage("The amount is too large.");
        assertThatThrownBy(() -> DisplayAmount.toMinorUnits("99999999999999999999999", 0, "PTS"))
                .hasMessage("The amount is too large.");
    }
}
