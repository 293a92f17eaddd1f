package org.poxledger.payword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ChannelPayerTest {

    private final PaywordChain chain = PaywordChain.fromSeed(new byte[32], 5);

    @Test
    void each_payment_reveals_the_word_of_the_running_total() {
        final ChannelPayer payer = new ChannelPayer("ch-1", chain, 10);

        assertThat(payer.pay(1)).isEqualTo(new Payment("ch-1", 1, chain.word(1)));
        assertThat(payer.pay(3)).isEqualTo(new Payment("ch-1", 4, chain.word(4)));
        assertThat(payer.paid()).isEqualTo(4);
        assertThat(payer.remaining()).isEqualTo(1);
        assertThatThrownBy(() -> payer.pay(2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 units left");
        assertThat(payer.paid()).isEqualTo(4);
    }

    @Test
    void confirms_only_a_signed_receipt_for_what_was_paid() throws GeneralSecurityException {
        final KeyPair broker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final ReceiptVerifier verifier = new ReceiptVerifier(broker.getPublic());
        final ChannelPayer payer = new ChannelPayer("ch-1", chain, 10);
        payer.pay(2);

        assertThat(payer.confirm(sign(broker, "ch-1", 2, 20), verifier)).isTrue();
        assertThat(payer.confirm(sign(broker, "ch-1", 1, 10), verifier)).isFalse();
        assertThat(payer.confirm(sign(broker, "ch-1", 2, 10), verifier)).isFalse();
        assertThat(payer.confirm(sign(broker, "ch-9", 2, 20), verifier)).isFalse();
    }

    private static Receipt sign(final KeyPair key, final String channelId, final long index, final long amount)
            throws GeneralSecurityException {
        final Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key.getPrivate());
        signature.update(Receipt.signedText(channelId, index, amount, 1L));
        return new Receipt(channelId, index, amount, 1L, Base64.getEncoder().encodeToString(signature.sign()));
    }
}
