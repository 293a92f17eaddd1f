package org.poxledger.platform.reward;

/** Where a reward cycle's payment stands. */
public enum CycleState {
    /** Computed and stored; no chunk submitted yet. */
    PLANNED,
    /** Some chunks are recorded on-chain; a runner pays (or will resume paying) the rest. */
    PAYING,
    /** Every entry is recorded on-chain (or the cycle had no entry). */
    COMPLETE,
    /** The ledger refused a chunk for a reason a retry cannot cure (see lastError); an admin must look. */
    FAILED
}
