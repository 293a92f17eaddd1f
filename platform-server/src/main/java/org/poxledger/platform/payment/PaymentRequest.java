package org.poxledger.platform.payment;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A micropayment, as the payer's client sends it.
 *
 * @param channelId the channel
 * @param index the total number of units paid so far on the channel, 1..n
 * @param payword {@code w_index}, 64 lower-case hexadecimal characters
 * @param payeeId for a wallet channel, the payee this payment is for (the payer's pick, or the payee handing in a
 *     payment it accepted offline); omitted for a direct channel
 */
public record PaymentRequest(
        @Schema(example = "ch-1") String channelId,
        @Schema(example = "3") long index,

        @Schema(
                description = "w_index, hex",
                example = "2f287b4d3d4910f6cada9e1bd1b4648099e8c52c81aa4a6aebfa6fc86f19834e")
        String payword,

        @Schema(description = "wallet channels only: who is paid", example = "m-shop")
        String payeeId) {

    /** A payment on a direct channel. */
    public PaymentRequest(String channelId, long index, String payword) {
        this(channelId, index, payword, null);
    }
}
