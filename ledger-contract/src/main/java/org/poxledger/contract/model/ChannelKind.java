package org.poxledger.contract.model;

/**
 * What a channel pays: a DIRECT channel pays its one payee; a WALLET channel (NetPay's e-wallet, seed 002) has no
 * payee of its own, and each redeem splits what it pays between the payees the broker names ({@code RedeemSplit}).
 */
public enum ChannelKind {
    DIRECT,
    WALLET
}
