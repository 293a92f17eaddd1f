package org.poxledger.chaincode.model;

/** What a channel history entry records. */
public enum ChannelAction {
    OPENED,
    REDEEMED,
    CLOSED
}
