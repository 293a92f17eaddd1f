package org.poxledger.payword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.poxledger.payword.OfflinePaymentRefused.Reason;

class OfflinePayeeTest {

    private static final Clock DAY_ONE = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final byte[] SEED = new byte[32];

    private final KeyPair broker = keyPair();
    private final PaywordChain chain = PaywordChain.fromSeed(SEED, 100);
    private final OfflinePayee payee = new OfflinePayee(new ReceiptVerifier(broker.getPublic()), DAY_ONE);

    @Test
    void signs_the_format_tag_and_the_eight_fields_one_per_line() {
        assertThat(new String(
                        SpendingCertificate.signedText("w-1", "m-1", "2026-12-01", 4, "ab", 2, 10, 7),
                        StandardCharsets.UTF_8))
                .isEqualTo("pox-spending-certificate/1\nw-1\nm-1\n2026-12-01\n4\nab\n2\n10\n7");
    }

    @Test
    void accepts_payments_up_to_the_limit_checking_only_the_signature_and_the_hashes() {
        final SpendingCertificate certificate = certificate(broker, "2026-12-01", 10, 2, 10);

        final OfflinePayment first = payee.accept(certificate, chain.payment("w-1", 12));
        final OfflinePayment second = payee.accept(certificate, chain.payment("w-1", 15));

        assertThat(first).isEqualTo(new OfflinePayment("w-1", 10, 12, chain.word(12), 4));
        assertThat(second.fromIndex())
                .as("the next payment is checked from the last word")
                .isEqualTo(12);
        assertThat(second.amount()).isEqualTo(6);
        assertThat(refusal(certificate, chain.payment("w-1", 16)))
                .as("10 minor units buy 5 paywords of 2: index 16 is past the limit")
                .isEqualTo(Reason.SPENDING_LIMIT_EXCEEDED);
    }

    @Test
    void refuses_a_replayed_or_forged_payword_and_records_nothing() {
        final SpendingCertificate certificate = certificate(broker, "2026-12-01", 0, 1, 50);
        payee.accept(certificate, chain.payment("w-1", 5));

        assertThat(refusal(certificate, chain.payment("w-1", 5))).isEqualTo(Reason.PAYWORD_REPLAYED);
        assertThat(refusal(certificate, chain.payment("w-1", 3))).isEqualTo(Reason.PAYWORD_REPLAYED);
        assertThat(refusal(certificate, new Payment("w-1", 7, chain.word(8)))).isEqualTo(Reason.PAYWORD_INVALID);
        assertThat(refusal(certificate, new Payment("w-1", 7, "not a word"))).isEqualTo(Reason.PAYWORD_INVALID);
        assertThat(refusal(certificate, chain.payment("w-2", 7))).isEqualTo(Reason.CHANNEL_MISMATCH);
        assertThat(payee.accept(certificate, chain.payment("w-1", 7)).amount())
                .as("the refused attempts left the last accepted word at 5")
                .isEqualTo(2);
    }

    @Test
    void refuses_a_certificate_of_another_key_an_altered_one_or_one_for_another_day() {
        final SpendingCertificate certificate = certificate(broker, "2026-12-01", 0, 1, 50);
        final SpendingCertificate raised = new SpendingCertificate(
                "w-1",
                "m-payer",
                "2026-12-01",
                0,
                chain.word(0),
                1,
                5_000,
                certificate.issuedAt(),
                certificate.signature());

        assertThat(refusal(certificate(keyPair(), "2026-12-01", 0, 1, 50), chain.payment("w-1", 1)))
                .isEqualTo(Reason.CERTIFICATE_SIGNATURE_INVALID);
        assertThat(refusal(raised, chain.payment("w-1", 1))).isEqualTo(Reason.CERTIFICATE_SIGNATURE_INVALID);
        assertThat(refusal(certificate(broker, "2026-11-30", 0, 1, 50), chain.payment("w-1", 1)))
                .isEqualTo(Reason.CERTIFICATE_NOT_VALID_TODAY);
        assertThat(refusal(certificate(broker, "2026-12-02", 0, 1, 50), chain.payment("w-1", 1)))
                .isEqualTo(Reason.CERTIFICATE_NOT_VALID_TODAY);
    }

    @Test
    void a_payee_continues_from_its_last_word_and_a_fresh_payee_starts_at_the_touchstone() {
        payee.accept(certificate(broker, "2026-12-01", 0, 1, 5), chain.payment("w-1", 4));
        final OfflinePayee nextDay = new OfflinePayee(
                new ReceiptVerifier(broker.getPublic()),
                Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC));
        final SpendingCertificate tomorrow = certificate(broker, "2026-12-02", 2, 1, 5);

        assertThat(payee.accept(certificate(broker, "2026-12-01", 2, 1, 5), chain.payment("w-1", 6))
                        .fromIndex())
                .as("the payee's own last word (4) lies past the certificate's start (2)")
                .isEqualTo(4);
        assertThat(nextDay.accept(tomorrow, chain.payment("w-1", 7)).amount()).isEqualTo(5);
    }

    private SpendingCertificate certificate(
            final KeyPair key, final String day, final int fromIndex, final long unit, final long limit) {
        final long issuedAt = DAY_ONE.millis();
        final byte[] text = SpendingCertificate.signedText(
                "w-1", "m-payer", day, fromIndex, chain.word(fromIndex), unit, limit, issuedAt);
        try {
            final Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.getPrivate());
            signature.update(text);
            return new SpendingCertificate(
                    "w-1",
                    "m-payer",
                    day,
                    fromIndex,
                    chain.word(fromIndex),
                    unit,
                    limit,
                    issuedAt,
                    Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reason refusal(final SpendingCertificate certificate, final Payment payment) {
        final OfflinePaymentRefused refused =
                catchThrowableOfType(OfflinePaymentRefused.class, () -> payee.accept(certificate, payment));
        assertThat(refused).as("payment %s must be refused", payment).isNotNull();
        assertThat(refused.getMessage()).startsWith(refused.reason().name() + ": ");
        return refused.reason();
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
