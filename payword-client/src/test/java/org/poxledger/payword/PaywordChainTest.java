package org.poxledger.payword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PaywordChainTest {

    /** Bytes 0x00..0x1f; the words below are its SHA-256 iterates, computed independently with Python's hashlib. */
    private static final byte[] SEED =
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    @Test
    void the_root_is_the_seed_hashed_n_times_and_the_last_word_is_the_seed() {
        final PaywordChain chain = PaywordChain.fromSeed(SEED, 3);

        assertThat(chain.length()).isEqualTo(3);
        assertThat(chain.root()).isEqualTo("4e05063392f42b5180353ef82da86c714042155044d91ab3253f1bab08120a0a");
        assertThat(chain.word(1)).isEqualTo("2f287b4d3d4910f6cada9e1bd1b4648099e8c52c81aa4a6aebfa6fc86f19834e");
        assertThat(chain.word(2)).isEqualTo("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
        assertThat(chain.word(3)).isEqualTo(HexFormat.of().formatHex(SEED));
    }

    @Test
    void every_word_hashes_back_to_every_earlier_one() {
        final PaywordChain chain = PaywordChain.fromSeed(SEED, 50);
        final PaywordHash hash = new PaywordHash();

        for (int j = 0; j < 50; j += 7) {
            for (int i = j + 1; i <= 50; i += 5) {
                assertThat(hash.reaches(PaywordHash.parse(chain.word(i)), i - j, PaywordHash.parse(chain.word(j))))
                        .as("w_%d reaches w_%d", i, j)
                        .isTrue();
            }
        }
    }

    @Test
    void a_payment_reveals_the_word_of_its_index() {
        final PaywordChain chain = PaywordChain.fromSeed(SEED, 10);

        final Payment payment = chain.payment("ch-1", 4);

        assertThat(payment).isEqualTo(new Payment("ch-1", 4, chain.word(4)));
        assertThatThrownBy(() -> chain.payment("ch-1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chain.payment("ch-1", 11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_seeds_that_are_not_one_word_and_lengths_out_of_bounds() {
        assertThatThrownBy(() -> PaywordChain.fromSeed(new byte[16], 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PaywordChain.fromSeed(SEED, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PaywordChain.fromSeed(SEED, PaywordChain.MAX_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
