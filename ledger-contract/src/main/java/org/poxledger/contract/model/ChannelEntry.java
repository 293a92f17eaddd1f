package org.poxledger.contract.model;

import java.util.List;

/**
 * One step in a channel's history.
 *
 * @param action OPENED, REDEEMED or CLOSED
 * @param actorId the member the operator acted for; omitted for a split redeem, where the broker acts for its payees
 * @param amount minor units moved: the deposit locked, the amount paid to the payee, or the amount refunded
 * @param channelId the channel
 * @param fromIndex the redeemed index before this step
 * @param shares a split redeem of a WALLET channel: what each payee was credited, summing to {@code amount};
 *     omitted otherwise
 * @param timestamp transaction time, epoch milliseconds
 * @param toIndex the redeemed index after this step
 * @param txId the transaction
 */
public record ChannelEntry(
        ChannelAction action,
        String actorId,
        long amount,
        String channelId,
        long fromIndex,
        List<PayeeShare> shares,
        long timestamp,
        long toIndex,
        String txId) {}
