package org.poxledger.payword;

import java.nio.charset.StandardCharsets;

/**
 * The broker's signed acknowledgement of an accepted payment (NetPay, seed 002): with it a payer proves what it paid
 * and a payee what it is owed, whatever the ledger says later.
 *
 * @param channelId the channel
 * @param index the accepted payment index
 * @param amount minor units paid on the channel so far ({@code index × unit})
 * @param acceptedAt when the broker accepted it, epoch milliseconds
 * @param signature Ed25519 signature of {@link #signedText()}, base64
 */
public record Receipt(String channelId, long index, long amount, long acceptedAt, String signature) {

    /** Version tag of the signed text, so a later format can never be mistaken for this one. */
    public static final String FORMAT = "pox-payword-receipt/1";

    /** @return the exact bytes the broker signs: the format tag and the four fields, one per line */
    public byte[] signedText() {
        return signedText(channelId, index, amount, acceptedAt);
    }

    /**
     * @param channelId the channel
     * @param index the accepted index
     * @param amount minor units so far
     * @param acceptedAt epoch milliseconds
     * @return the bytes to sign
     */
    public static byte[] signedText(
            final String channelId, final long index, final long amount, final long acceptedAt) {
        return (FORMAT + "\n" + channelId + "\n" + index + "\n" + amount + "\n" + acceptedAt)
                .getBytes(StandardCharsets.UTF_8);
    }
}
