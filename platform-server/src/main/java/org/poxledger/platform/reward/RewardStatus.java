package org.poxledger.platform.reward;

/**
 * The projection's status of a reward entry, a superset of the wire contract's
 * {@link org.poxledger.contract.model.RewardStatus}: PLANNED (known to the server only) until the ledger records it, then the ledger's PAID / HELD / RELEASED / FORFEITED.
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

    /**
     * A switch without default: a status added to the wire contract is a compile error here, not a silent gap.
     *
     * @param recorded the ledger's status of an entry
     * @return the same status in the projection
     */
    public static RewardStatus of(org.poxledger.contract.model.RewardStatus recorded) {
        return switch (recorded) {
            case PAID -> PAID;
            case HELD -> HELD;
            case RELEASED -> RELEASED;
            case FORFEITED -> FORFEITED;
        };
    }

    /** @return whether the amount was credited to the member's balance */
    public boolean minted() {
        return this == PAID || this == RELEASED;
    }
}
