package org.poxledger.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.poxledger.contract.ErrorCode;
import org.poxledger.contract.Refusal;
import org.poxledger.platform.web.ProblemStatus;

class PasswordPolicyTest {

    @Test
    void refuses_the_weak_passwords_the_probe_got_accepted() {
        for (String weak : new String[] {"1234567890", "aaaaaaaaaa", "password12", "qwertyuiop", "abcdefghij"}) {
            assertThat(PasswordPolicy.problem(weak)).as(weak).hasValueSatisfying(problem -> assertThat(problem)
                    .startsWith("is too easy to guess"));
        }
    }

    @Test
    void accepts_a_few_unrelated_words_and_a_varied_password() {
        assertThat(PasswordPolicy.problem("correct horse battery")).isEmpty();
        assertThat(PasswordPolicy.problem("Tr0ub4dor&3-horse")).isEmpty();
    }

    @Test
    void counts_the_length_limit_in_utf8_bytes_as_bcrypt_does() {
        String eightyBytes = "é".repeat(40);
        assertThat(eightyBytes).hasSize(40);
        assertThat(PasswordPolicy.problem(eightyBytes))
                .hasValue("must be at most 72 bytes in UTF-8 (BCrypt reads no more); this one has 80");
        assertThatThrownBy(() -> PasswordPolicy.require(eightyBytes, "someone"))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PASSWORD_TOO_LONG);
                    assertThat(e.field()).isEqualTo("password");
                    assertThat(ProblemStatus.of(e.code()).value()).isEqualTo(400);
                });
    }

    @Test
    void counts_the_minimum_in_characters() {
        assertThat(PasswordPolicy.problem("Zq7#vB2!x")).hasValue("must have at least 10 characters");
    }

    @Test
    void refuses_a_password_that_contains_the_username() {
        assertThatThrownBy(() -> PasswordPolicy.require("Gertrude-Vanilla-Sky", "gertrude"))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PASSWORD_TOO_WEAK));
    }
}
