package org.poxledger.platform.payment;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A micropayment, as the payer's client sends it.
 *
 * @param channelId the channel
 * @param index the total number of units paid so far on the channel, 1..n
 * @param payword {@code w_index}, 64 lower-case hexadecimal characters
 */
public record PaymentRequest(
        @Schema(example = "ch-1") String channelId,
        @Schema(example = "3") long index,

        @Schema(
                description = "w_index, hex",
                example = "2f287b4d3d4910f6cada9e1bd1b4648099e8c52c81aa4a6aebfa6fc86f19834e")
        String payword) {}
