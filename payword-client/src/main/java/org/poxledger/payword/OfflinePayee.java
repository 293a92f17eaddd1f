package org.poxledger.payword;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A payee accepting payments while offline (Mini-Pay, seed 003): it checks only the broker's signature on the payer's
 * daily {@link SpendingCertificate} and the hashes of each payword against the certificate's touchstone, or against
 * the last word it accepted on the channel. It accepts up to the certificate's limit; past it, the payment needs the
 * broker (the ledger would refuse to redeem it: {@code SPENDING_LIMIT_EXCEEDED}). Once online, the payee hands the
 * accepted payments to the broker, which settles them.
 *
 * <p>Not thread-safe: one instance per payee device.
 *
 * <pre>{@code
 * OfflinePayee shop = new OfflinePayee(ReceiptVerifier.fromPublishedKey(brokerKey), Clock.systemUTC());
 * OfflinePayment p = shop.accept(certificate, new Payment("w-1", 3, word3)); // throws OfflinePaymentRefused
 * }</pre>
 */
public final class OfflinePayee {

    private record Position(long index, byte[] word) {}

    private final ReceiptVerifier broker;
    private final Clock clock;
    private final PaywordHash hash = new PaywordHash();
    private final Map<String, Position> lastAccepted = new HashMap<>();

    /**
     * @param broker the broker's published key
     * @param clock the payee's clock; certificates are valid on their UTC day
     */
    public OfflinePayee(final ReceiptVerifier broker, final Clock clock) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param certificate the payer's certificate for today
     * @param payment the payment
     * @return what was accepted, worth {@code (index − previous index) × unit}
     * @throws OfflinePaymentRefused when the certificate or the payment fails a check; nothing is recorded then
     */
    public OfflinePayment accept(final SpendingCertificate certificate, final Payment payment) {
        if (!broker.verify(certificate)) {
            throw refused(
                    OfflinePaymentRefused.Reason.CERTIFICATE_SIGNATURE_INVALID,
                    "the certificate for channel %s is not signed by the broker",
                    certificate.channelId());
        }
        final String today = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
        if (!today.equals(certificate.day())) {
            throw refused(
                    OfflinePaymentRefused.Reason.CERTIFICATE_NOT_VALID_TODAY,
                    "the certificate is for %s; today is %s",
                    certificate.day(),
                    today);
        }
        if (!certificate.channelId().equals(payment.channelId())) {
            throw refused(
                    OfflinePaymentRefused.Reason.CHANNEL_MISMATCH,
                    "the payment is for channel %s, the certificate for %s",
                    payment.channelId(),
                    certificate.channelId());
        }
        final Position anchor = anchor(certificate);
        if (payment.index() <= anchor.index()) {
            throw refused(
                    OfflinePaymentRefused.Reason.PAYWORD_REPLAYED,
                    "index %d of channel %s is not past %d",
                    payment.index(),
                    payment.channelId(),
                    anchor.index());
        }
        if (payment.index() > certificate.lastIndex()) {
            throw refused(
                    OfflinePaymentRefused.Reason.SPENDING_LIMIT_EXCEEDED,
                    "index %d of channel %s is past %d, the last the day's limit of %d allows",
                    payment.index(),
                    payment.channelId(),
                    certificate.lastIndex(),
                    certificate.limit());
        }
        if (!PaywordHash.isWordText(payment.payword())) {
            throw refused(OfflinePaymentRefused.Reason.PAYWORD_INVALID, "the payword is not 64 hexadecimal characters");
        }
        final byte[] word = PaywordHash.parse(payment.payword());
        if (!hash.reaches(word, payment.index() - anchor.index(), anchor.word())) {
            throw refused(
                    OfflinePaymentRefused.Reason.PAYWORD_INVALID,
                    "the payword is not word %d of the chain of channel %s",
                    payment.index(),
                    payment.channelId());
        }
        lastAccepted.put(payment.channelId(), new Position(payment.index(), word));
        return new OfflinePayment(
                payment.channelId(),
                anchor.index(),
                payment.index(),
                payment.payword(),
                Math.multiplyExact(payment.index() - anchor.index(), certificate.unit()));
    }

    /** The certificate's touchstone, or this payee's last word on the channel when that lies further on. */
    private Position anchor(final SpendingCertificate certificate) {
        final Position last = lastAccepted.get(certificate.channelId());
        if (last != null && last.index() >= certificate.fromIndex()) {
            return last;
        }
        if (!PaywordHash.isWordText(certificate.fromWord())) {
            throw refused(OfflinePaymentRefused.Reason.PAYWORD_INVALID, "the certificate's word is not a payword");
        }
        return new Position(certificate.fromIndex(), PaywordHash.parse(certificate.fromWord()));
    }

    private static OfflinePaymentRefused refused(
            final OfflinePaymentRefused.Reason reason, final String template, final Object... values) {
        return new OfflinePaymentRefused(reason, String.format(template, values));
    }
}
