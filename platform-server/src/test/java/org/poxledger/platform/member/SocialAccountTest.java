package org.poxledger.platform.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.poxledger.contract.Refusal;

class SocialAccountTest {

    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource({
        "email, ' Alice@Example.ORG ', email:alice@example.org",
        "EMAIL, bob.smith+pox@mail.example.com, email:bob.smith+pox@mail.example.com",
        "phone, '+86 138-0013 8000', phone:+8613800138000",
        "phone, '+1 (415) 555.0100', phone:+14155550100",
        "WeChat, Alice_01, wechat:alice_01",
        "telegram, @Alice_Bot, telegram:alice_bot",
        "x, '@Jack', x:jack",
        "github, Octo-Cat, github:octo-cat"
    })
    void normalises_two_spellings_of_one_account_to_the_same_text(String network, String handle, String canonical) {
        assertThat(SocialAccount.of(network, handle).canonical()).isEqualTo(canonical);
    }

    @Test
    void rejects_an_unknown_network_naming_the_network_field() {
        assertThatThrownBy(() -> SocialAccount.of("myspace", "tom"))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.code().name()).isEqualTo("UNKNOWN_NETWORK");
                    assertThat(e.field()).isEqualTo("network");
                })
                .hasMessageContaining("myspace")
                .hasMessageContaining("wechat");
    }

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({
        "email, not-an-address",
        "email, two@@example.org",
        "phone, 0138 0013 8000",
        "phone, +12",
        "wechat, 1abcdef",
        "wechat, abc",
        "telegram, ab",
        "x, this_handle_is_too_long",
        "github, -leading",
        "github, double--hyphen",
        "github, ''"
    })
    void rejects_a_handle_that_breaks_its_network_rules_naming_the_handle_field(String network, String handle) {
        assertThatThrownBy(() -> SocialAccount.of(network, handle)).isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.code().name()).isEqualTo("MALFORMED_HANDLE");
            assertThat(e.field()).isEqualTo("handle");
        });
    }

    @Test
    void reads_back_its_canonical_form() {
        SocialAccount account = SocialAccount.of("phone", "+44 20 7946 0958");
        assertThat(SocialAccount.parse(account.canonical())).isEqualTo(account);
    }
}
