package org.poxledger.payword;

/** A payment an offline payee must not accept, and why. */
public final class OfflinePaymentRefused extends RuntimeException {

    /** Why a payment is refused offline. */
    public enum Reason {
        /** The certificate is not signed by the broker, or was altered. */
        CERTIFICATE_SIGNATURE_INVALID,
        /** The certificate is for another day than today (UTC). */
        CERTIFICATE_NOT_VALID_TODAY,
        /** The payment is for another channel than the certificate's. */
        CHANNEL_MISMATCH,
        /** The index is not past what this payee already accepted on the channel (or the certificate's start). */
        PAYWORD_REPLAYED,
        /** The index is past the certificate's limit: the payee must go online (or refuse). */
        SPENDING_LIMIT_EXCEEDED,
        /** The payword is not the chain's word at that index, or is not a word at all. */
        PAYWORD_INVALID
    }

    private final Reason reason;

    OfflinePaymentRefused(final Reason reason, final String message) {
        super(reason.name() + ": " + message);
        this.reason = reason;
    }

    /** @return why the payment was refused */
    public Reason reason() {
        return reason;
    }
}
