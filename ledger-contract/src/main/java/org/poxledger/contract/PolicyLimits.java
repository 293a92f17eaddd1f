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

    private PolicyLimits() {}
}
