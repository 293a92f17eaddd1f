package org.poxledger.contract.model;

/** A micropayment channel is OPEN until its payee closes it, or its payer after expiry; then CLOSED for good. */
public enum ChannelStatus {
    OPEN,
    CLOSED
}
