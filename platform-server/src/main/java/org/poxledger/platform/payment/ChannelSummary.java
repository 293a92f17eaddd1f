package org.poxledger.platform.payment;

import org.poxledger.contract.model.ChannelStatus;

/**
 * One line of a member's channel list, as the broker holds the channel.
 *
 * @param channelId the channel
 * @param payerId payer
 * @param payeeId payee
 * @param unit minor units per payword
 * @param chainLength {@code n}
 * @param expiresAt epoch milliseconds
 * @param acceptedAmount minor units paid through the broker so far
 * @param redeemedAmount minor units settled on the ledger, as last seen
 * @param status OPEN or CLOSED, as last seen
 */
public record ChannelSummary(
        String channelId,
        String payerId,
        String payeeId,
        long unit,
        long chainLength,
        long expiresAt,
        long acceptedAmount,
        long redeemedAmount,
        ChannelStatus status) {

    static ChannelSummary of(BrokeredChannel channel) {
        return new ChannelSummary(
                channel.channelId(),
                channel.payerId(),
                channel.payeeId(),
                channel.unit(),
                channel.chainLength(),
                channel.expiresAt(),
                Math.multiplyExact(channel.acceptedIndex(), channel.unit()),
                Math.multiplyExact(channel.redeemedIndex(), channel.unit()),
                channel.status());
    }
}
