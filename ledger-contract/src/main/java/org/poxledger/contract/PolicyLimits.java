package org.poxledger.contract;

/**
 * The bounds of a reward policy (DESIGN §5, §6; docs/ledger-wire.md "Policies"), checked by the chaincode when a policy
 * is published and by the platform before it submits one, so an admin hears of a broken rule at once.
 */
public final class PolicyLimits {

    /** Deepest ancestor level an expansion event reaches. */
    public static final int MAX_DEPTH = 10;
    /** Most tiers a policy may have. */
    public static final int MAX_TIERS = 20;
    /** A weight or share in basis points is at most 1.0. */
    public static final int MAX_BPS = 10_000;
    /** A tier's rate in basis points is at most 10.0. */
    public static final int MAX_RATE_BPS = 100_000;
    /** Longest currency symbol. */
    public static final int MAX_SYMBOL_LENGTH = 8;
    /** Most minor-unit digits. */
    public static final int MAX_DECIMALS = 8;
    /**
     * Largest amount of one reward entry, 10^15 minor units. Chunks mint through blind supply credits and cannot read
     * the total supply without conflicting with each other, so this bound is what keeps a chunk's sum (at most 1,000
     * entries) far from overflow; the total supply itself is summed exactly (Math.addExact) wherever it is read.
     */
    public static final long MAX_REWARD_AMOUNT = 1_000_000_000_000_000L;

    private PolicyLimits() {}
}
