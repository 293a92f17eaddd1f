package org.poxledger.platform.payment;

import org.poxledger.contract.model.Channel;
import org.poxledger.contract.model.ChannelStatus;

/**
 * What the broker keeps per channel: the channel's terms, the highest payword it accepted, and how far the ledger
 * has redeemed. The ledger's {@code redeemedIndex} is the truth; {@code acceptedIndex} never falls below it.
 *
 * @param channelId the channel
 * @param payerId payer
 * @param payeeId payee; {@code null} for a wallet
 * @param unit minor units per payword
 * @param chainLength {@code n}
 * @param expiresAt epoch milliseconds
 * @param acceptedIndex highest accepted index (the ledger's redeemed index when nothing newer was accepted)
 * @param acceptedWord {@code w_acceptedIndex}
 * @param acceptedAt when it was accepted, epoch milliseconds (0 when never)
 * @param redeemedIndex the ledger's redeemed index as last seen
 * @param status OPEN or CLOSED on the ledger, as last seen
 */
record BrokeredChannel(
        String channelId,
        String payerId,
        String payeeId,
        long unit,
        long chainLength,
        long expiresAt,
        long acceptedIndex,
        String acceptedWord,
        long acceptedAt,
        long redeemedIndex,
        ChannelStatus status) {

    /** @return the broker's view of a channel it has only seen on the ledger */
    static BrokeredChannel of(Channel channel) {
        return new BrokeredChannel(
                channel.channelId(),
                channel.payerId(),
                channel.payeeId(),
                channel.unit(),
                channel.chainLength(),
                channel.expiresAt(),
                channel.redeemedIndex(),
                channel.lastWord(),
                0,
                channel.redeemedIndex(),
                channel.status());
    }

    BrokeredChannel accepted(long index, String word, long at) {
        return new BrokeredChannel(
                channelId, payerId, payeeId, unit, chainLength, expiresAt, index, word, at, redeemedIndex, status);
    }

    /**
     * Adopts the ledger's state: its redeemed index, status, and its last word when the ledger is ahead of what this
     * broker accepted (another broker, or payments accepted before a lost write).
     */
    BrokeredChannel reconciled(Channel ledger) {
        boolean ledgerAhead = ledger.redeemedIndex() > acceptedIndex;
        return new BrokeredChannel(
                channelId,
                payerId,
                payeeId,
                unit,
                chainLength,
                expiresAt,
                ledgerAhead ? ledger.redeemedIndex() : acceptedIndex,
                ledgerAhead ? ledger.lastWord() : acceptedWord,
                acceptedAt,
                ledger.redeemedIndex(),
                ledger.status());
    }

    /** @return whether the channel is a NetPay wallet: no payee of its own, each payment names one */
    boolean wallet() {
        return payeeId == null;
    }

    /** @return minor units accepted and not yet redeemed */
    long unsettled() {
        return (acceptedIndex - redeemedIndex) * unit;
    }
}
