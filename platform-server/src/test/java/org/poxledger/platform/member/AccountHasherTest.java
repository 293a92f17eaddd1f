package org.poxledger.platform.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountHasherTest {

    private static final String SECRET = "test-only-account-hash-secret-0123456789abcdef";

    @Test
    void hashes_the_normalised_account_with_hmac_sha256_as_lower_case_hex() {
        AccountHasher hasher = new AccountHasher(new IdentityProperties(SECRET));

        // reference value: printf 'email:alice@example.org' | openssl dgst -sha256 -hmac "$SECRET"
        assertThat(hasher.hash(SocialAccount.of("email", "Alice@Example.org")))
                .isEqualTo("dc83d9111b9a83d65ac164321cc616baab1c9a1f6be13437201391ae1bd79ca6");
        assertThat(hasher.hash(SocialAccount.of("email", " ALICE@example.org")))
                .isEqualTo(hasher.hash(SocialAccount.of("Email", "alice@EXAMPLE.org")));
    }

    @Test
    void another_secret_gives_another_hash() {
        SocialAccount account = SocialAccount.of("wechat", "alice01");
        assertThat(new AccountHasher(new IdentityProperties(SECRET)).hash(account))
                .isNotEqualTo(new AccountHasher(new IdentityProperties(SECRET + "x")).hash(account));
    }

    @Test
    void refuses_a_missing_or_short_secret_naming_the_environment_variable() {
        assertThatThrownBy(() -> new IdentityProperties(""))
                .hasMessageContaining("POX_ACCOUNT_HASH_SECRET")
                .hasMessageContaining("32");
        assertThatThrownBy(() -> new IdentityProperties("x".repeat(31)))
                .hasMessageContaining("POX_ACCOUNT_HASH_SECRET");
        assertThat(new IdentityProperties("x".repeat(32)).toString()).doesNotContain("xxxx");
    }

    @Test
    void member_ids_are_opaque_random_and_fit_the_ledger_id_alphabet() {
        String first = MemberIds.newMemberId();
        assertThat(first).matches("m_[a-z2-7]{20}").isNotEqualTo(MemberIds.newMemberId());
    }
}
