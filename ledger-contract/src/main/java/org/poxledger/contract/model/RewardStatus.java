package org.poxledger.contract.model;

/** What happened to a reward entry. PAID and RELEASED amounts are minted; HELD waits for an admin. */
public enum RewardStatus {
    PAID,
    HELD,
    RELEASED,
    FORFEITED
}
