package org.poxledger.contract.model;

/**
 * What a channel transaction returns and announces: the channel as it now stands and the history entry it added.
 *
 * @param channel the channel after the transaction
 * @param entry the step the transaction recorded
 */
public record ChannelChange(Channel channel, ChannelEntry entry) {}
