package org.poxledger.contract;

/**
 * Bounds of the channels contract ({@code docs/ledger-wire.md} "Channels"), checked by the chaincode and respected by
 * the broker before it submits.
 */
public final class ChannelLimits {

    /**
     * Most payees one split redeem credits: one blind credit write each, so a settlement batch stays a modest write set
     * on Fabric. The broker redeems a wallet with more payees in several batches.
     */
    public static final int MAX_SPLIT_SHARES = 500;

    private ChannelLimits() {}
}
