package org.poxledger.contract.model;

/** Member lifecycle (DESIGN §4.5): ACTIVE (registered) → VERIFIED (identity verified) ↔ SUSPENDED (fraud hold). */
public enum MemberStatus {
    ACTIVE,
    VERIFIED,
    SUSPENDED
}
