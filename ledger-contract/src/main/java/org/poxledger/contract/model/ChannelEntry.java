package org.poxledger.contract.model;

/**
 * One step in a channel's history.
 *
 * @param action OPENED, REDEEMED or CLOSED
 * @param actorId the member the operator acted for
 * @param amount minor units moved: the deposit locked, the amount paid to the payee, or the amount refunded
 * @param channelId the channel
 * @param fromIndex the redeemed index before this step
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
        long timestamp,
        long toIndex,
        String txId) {}
