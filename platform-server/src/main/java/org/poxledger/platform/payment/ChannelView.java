package org.poxledger.platform.payment;

import org.poxledger.contract.model.Channel;

/**
 * A channel as its parties see it.
 *
 * @param channel the ledger's record: deposit, what was redeemed (settled) and refunded, what is still locked
 * @param acceptedIndex the highest payment index the broker accepted
 * @param acceptedAmount minor units paid through the broker so far ({@code acceptedIndex × unit})
 * @param unsettledAmount accepted but not yet redeemed on the ledger
 */
public record ChannelView(Channel channel, long acceptedIndex, long acceptedAmount, long unsettledAmount) {

    static ChannelView of(Channel channel, BrokeredChannel broker) {
        long accepted = Math.max(broker.acceptedIndex(), channel.redeemedIndex());
        return new ChannelView(
                channel, accepted, accepted * channel.unit(), (accepted - channel.redeemedIndex()) * channel.unit());
    }
}
