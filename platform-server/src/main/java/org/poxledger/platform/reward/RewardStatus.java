package org.poxledger.platform.reward;

/**
 * A reward entry's status: PLANNED until the ledger records it, then the ledger's PAID / HELD / RELEASED / FORFEITED.
 * Statuses only move forward ({@link #rank()}), so replaying an old chaincode event never undoes a newer one.
 */
public enum RewardStatus {
    PLANNED(0),
    HELD(1),
    PAID(2),
    RELEASED(2),
    FORFEITED(2);

    private final int rank;

    RewardStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** @return whether the amount was credited to the member's balance */
    public boolean minted() {
        return this == PAID || this == RELEASED;
    }
}
