package org.poxledger.payword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReceiptVerifierTest {

    @Test
    void signs_the_format_tag_and_the_four_fields_one_per_line() {
        assertThat(new String(Receipt.signedText("ch-1", 7, 70, 1_800_000_000_000L), StandardCharsets.UTF_8))
                .isEqualTo("pox-payword-receipt/1\nch-1\n7\n70\n1800000000000");
    }

    @Test
    void accepts_a_receipt_the_broker_signed_and_nothing_altered() throws GeneralSecurityException {
        final KeyPair broker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final ReceiptVerifier verifier = ReceiptVerifier.fromPublishedKey(
                Base64.getEncoder().encodeToString(broker.getPublic().getEncoded()));
        final Receipt receipt = signed(broker, "ch-1", 7, 70, 1_800_000_000_000L);

        assertThat(verifier.verify(receipt)).isTrue();
        assertThat(verifier.verify(new Receipt("ch-1", 8, 70, receipt.acceptedAt(), receipt.signature())))
                .isFalse();
        assertThat(verifier.verify(new Receipt("ch-1", 7, 71, receipt.acceptedAt(), receipt.signature())))
                .isFalse();
        assertThat(verifier.verify(new Receipt("ch-2", 7, 70, receipt.acceptedAt(), receipt.signature())))
                .isFalse();
        assertThat(verifier.verify(new Receipt("ch-1", 7, 70, receipt.acceptedAt(), "not base64!")))
                .isFalse();
    }

    @Test
    void a_receipt_of_another_key_does_not_verify() throws GeneralSecurityException {
        final KeyPair broker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final KeyPair impostor = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        assertThat(new ReceiptVerifier(broker.getPublic()).verify(signed(impostor, "ch-1", 1, 10, 5)))
                .isFalse();
        assertThatThrownBy(() -> ReceiptVerifier.fromPublishedKey("AAAA")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Receipt signed(
            final KeyPair key, final String channelId, final long index, final long amount, final long at)
            throws GeneralSecurityException {
        final Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key.getPrivate());
        signature.update(Receipt.signedText(channelId, index, amount, at));
        return new Receipt(channelId, index, amount, at, Base64.getEncoder().encodeToString(signature.sign()));
    }
}
