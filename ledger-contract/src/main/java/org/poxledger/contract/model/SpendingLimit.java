package org.poxledger.contract.model;

/**
 * A Mini-Pay daily spending limit as registered on the ledger (seed 003): the broker certifies that on {@code day} the
 * payer may spend {@code limit} minor units of the channel past index {@code fromIndex}, payees accepting those
 * payments offline. The channel can then be redeemed only up to {@code capIndex}, the highest index any of its limits
 * reaches: spending past every certified limit is refused at redeem.
 *
 * @param capIndex the channel's redeem cap after this limit: {@code max(previous cap, fromIndex + limit / unit)}, at
 *     most the chain length
 * @param certifiedAt transaction time, epoch milliseconds
 * @param channelId the channel
 * @param day the UTC day it is valid on, {@code YYYY-MM-DD}
 * @param fromIndex the index the day's spending starts after (the broker's last known word)
 * @param limit minor units the payer may spend that day, at least one unit
 * @param txId the registering transaction
 */
public record SpendingLimit(
        long capIndex, long certifiedAt, String channelId, String day, long fromIndex, long limit, String txId) {

    /**
     * @param otherFromIndex from index
     * @param otherLimit limit
     * @return whether a repeated registration for the same day asks for exactly this limit
     */
    public boolean sameTerms(final long otherFromIndex, final long otherLimit) {
        return fromIndex == otherFromIndex && limit == otherLimit;
    }
}
