package org.poxledger.payword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaywordHashTest {

    private static final String ZERO = "0".repeat(64);
    // sha256sum of 32 zero bytes, then of that digest, and so on (computed independently with Python's hashlib)
    private static final String H1 = "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925";
    private static final String H2 = "2b32db6c2c0a6235fb1397e8225ea85e0f0e6e8c7b126d0016ccbde0e667151e";
    private static final String H5 = "376da11fe3ab3d0eaaddb418ccb49b5426d5c2504f526f7766580f6e45984e3b";

    private final PaywordHash hash = new PaywordHash();

    @Test
    void hashes_raw_word_bytes_with_sha256_as_often_as_asked() {
        final byte[] zero = PaywordHash.parse(ZERO);

        assertThat(PaywordHash.text(hash.hash(zero, 0))).isEqualTo(ZERO);
        assertThat(PaywordHash.text(hash.hash(zero, 1))).isEqualTo(H1);
        assertThat(PaywordHash.text(hash.hash(zero, 2))).isEqualTo(H2);
        assertThat(PaywordHash.text(hash.hash(zero, 5))).isEqualTo(H5);
    }

    @Test
    void a_word_reaches_its_anchor_in_exactly_the_distance_between_them() {
        final byte[] zero = PaywordHash.parse(ZERO);
        final byte[] h5 = PaywordHash.parse(H5);

        assertThat(hash.reaches(zero, 5, h5)).isTrue();
        assertThat(hash.reaches(zero, 4, h5)).isFalse();
        assertThat(hash.reaches(zero, 6, h5)).isFalse();
        assertThat(hash.reaches(PaywordHash.parse(H2), 3, h5)).isTrue();
        assertThat(hash.reaches(new byte[31], 1, PaywordHash.parse(H1))).isFalse();
    }

    @Test
    void refuses_a_distance_below_one_and_text_that_is_not_a_word() {
        assertThatThrownBy(() -> hash.reaches(new byte[32], 0, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one step");
        assertThatThrownBy(() -> PaywordHash.parse(H1.toUpperCase())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaywordHash.parse(H1.substring(2))).isInstanceOf(IllegalArgumentException.class);
        assertThat(PaywordHash.isWordText(null)).isFalse();
        assertThat(PaywordHash.isWordText(H1)).isTrue();
    }
}
