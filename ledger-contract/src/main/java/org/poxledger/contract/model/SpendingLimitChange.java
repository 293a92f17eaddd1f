package org.poxledger.contract.model;

/**
 * What {@code channels:CertifySpending} returns and announces: the channel with its new cap, and the limit.
 *
 * @param channel the channel after the transaction
 * @param limit the registered limit
 */
public record SpendingLimitChange(Channel channel, SpendingLimit limit) {}
