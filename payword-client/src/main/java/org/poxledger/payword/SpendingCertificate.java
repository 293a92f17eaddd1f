package org.poxledger.payword;

import java.nio.charset.StandardCharsets;

/**
 * A Mini-Pay daily spending certificate (seed 003), signed by the broker with its Ed25519 key: on {@code day} the
 * payer may spend up to {@code limit} minor units of the channel past {@code fromIndex}. Its {@code fromWord} is the
 * touchstone of NetPay (seed 002): {@code w_fromIndex}, against which a payee checks paywords with hashes alone, so it
 * can accept payments while offline ({@link OfflinePayee}). The ledger holds the same limit ({@code
 * channels:CertifySpending}) and refuses a redeem past it.
 *
 * @param channelId the channel
 * @param payerId the payer the certificate is for
 * @param day the UTC day it is valid on, {@code YYYY-MM-DD}
 * @param fromIndex the index the day's spending starts after
 * @param fromWord {@code w_fromIndex}, 64 lower-case hexadecimal characters
 * @param unit minor units per payword
 * @param limit minor units the payer may spend that day
 * @param issuedAt when the broker signed it, epoch milliseconds
 * @param signature Ed25519 signature of {@link #signedText()}, base64
 */
public record SpendingCertificate(
        String channelId,
        String payerId,
        String day,
        long fromIndex,
        String fromWord,
        long unit,
        long limit,
        long issuedAt,
        String signature) {

    /** Version tag of the signed text, distinct from a receipt's, so neither can pass for the other. */
    public static final String FORMAT = "pox-spending-certificate/1";

    /** @return the exact bytes the broker signs: the format tag and the eight fields, one per line */
    public byte[] signedText() {
        return signedText(channelId, payerId, day, fromIndex, fromWord, unit, limit, issuedAt);
    }

    /** @return the highest index a payee may accept under this certificate: {@code fromIndex + limit / unit} */
    public long lastIndex() {
        return fromIndex + limit / unit;
    }

    /**
     * @return the bytes to sign
     * @see #signedText()
     */
    public static byte[] signedText(
            final String channelId,
            final String payerId,
            final String day,
            final long fromIndex,
            final String fromWord,
            final long unit,
            final long limit,
            final long issuedAt) {
        return String.join(
                        "\n",
                        FORMAT,
                        channelId,
                        payerId,
                        day,
                        Long.toString(fromIndex),
                        fromWord,
                        Long.toString(unit),
                        Long.toString(limit),
                        Long.toString(issuedAt))
                .getBytes(StandardCharsets.UTF_8);
    }
}
