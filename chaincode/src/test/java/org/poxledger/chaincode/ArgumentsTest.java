package org.poxledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.poxledger.chaincode.Refusals.assertRefused;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.poxledger.contract.ErrorCode;

class ArgumentsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a b",
                "a.b",
                "ä",
                "m/1",
                "01234567890123456789012345678901" + "23456789012345678901234567890123X"
            })
    void rejects_malformed_ids_naming_the_argument_and_value(final String id) {
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.id("memberId", id))
                .hasMessageStartingWith("INVALID_ARGUMENT: memberId must match [A-Za-z0-9_-]{1,64}, got '");
    }

    @Test
    void accepts_ids_of_letters_digits_underscore_and_dash_up_to_64() {
        assertThat(Arguments.id("memberId", "m_1-A")).isEqualTo("m_1-A");
        assertThat(Arguments.id("memberId", "x".repeat(64))).hasSize(64);
    }

    @Test
    void account_hashes_are_64_lower_case_hex() {
        assertThat(Arguments.sha256Hex("accountHash", "a".repeat(64))).hasSize(64);
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.sha256Hex("accountHash", "A".repeat(64)));
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.sha256Hex("accountHash", "a".repeat(63)));
    }

    @Test
    void amounts_must_be_decimal_integers_greater_than_zero() {
        assertThat(Arguments.amount("amount", "250")).isEqualTo(250);
        assertRefused(ErrorCode.INVALID_AMOUNT, () -> Arguments.amount("amount", "0"))
                .hasMessage("INVALID_AMOUNT: amount must be greater than zero, got 0");
        assertRefused(ErrorCode.INVALID_AMOUNT, () -> Arguments.amount("amount", "-5"));
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.amount("amount", "1.5"))
                .hasMessage("INVALID_ARGUMENT: amount must be a decimal integer, got '1.5'");
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.amount("amount", "ten"));
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.amount("amount", " 5"));
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.amount("amount", "9223372036854775808"))
                .hasMessageContaining("does not fit in a 64-bit integer");
    }

    @Test
    void page_sizes_are_between_1_and_1000() {
        assertThat(Arguments.pageSize("1000")).isEqualTo(1000);
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.pageSize("0"))
                .hasMessage("INVALID_ARGUMENT: pageSize must be between 1 and 1000, got 0");
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.pageSize("1001"));
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.pageSize(""));
    }

    @Test
    void free_text_is_at_most_280_code_points() {
        assertThat(Arguments.optionalText("memo", "")).isEmpty();
        assertThat(Arguments.optionalText("memo", "😀".repeat(280))).hasSize(560);
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.optionalText("memo", "x".repeat(281)))
                .hasMessage("INVALID_ARGUMENT: memo must be at most 280 characters, got 281 characters");
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.requiredText("reason", "  "))
                .hasMessage("INVALID_ARGUMENT: reason must not be blank");
    }

    @Test
    void bookmarks_must_come_from_the_same_range() {
        assertThat(Arguments.bookmark("", "\u0000member\u0000")).isEmpty();
        assertThat(Arguments.bookmark("\u0000member\u0000m2\u0000", "\u0000member\u0000"))
                .isEqualTo("\u0000member\u0000m2\u0000");
        assertRefused(ErrorCode.INVALID_ARGUMENT, () -> Arguments.bookmark("elsewhere", "\u0000member\u0000"));
    }

    @Test
    void shown_values_are_quoted_shortened_and_escape_control_characters() {
        assertThat(Arguments.shown(null)).isEqualTo("nothing");
        assertThat(Arguments.shown("a\u0000b")).isEqualTo("'a\\u0000b'");
        assertThat(Arguments.shown("y".repeat(100))).isEqualTo("'" + "y".repeat(80) + "...'");
    }
}
