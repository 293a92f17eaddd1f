package org.poxledger.contract.model;

/**
 * What a channel history entry records. The order is the wire order of the history keys ({@code LedgerKeys}): never
 * reorder these constants.
 */
public enum ChannelAction {
    OPENED,
    REDEEMED,
    CLOSED
}
