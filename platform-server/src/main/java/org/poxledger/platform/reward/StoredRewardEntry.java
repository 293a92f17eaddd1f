package org.poxledger.platform.reward;

import org.poxledger.contract.model.RewardLine;

/**
 * A reward entry with its cycle and its status.
 *
 * @param cycleId the cycle
 * @param entry the computed entry (the Merkle leaf)
 * @param status PLANNED, or the ledger's status
 * @param txId the ledger transaction that recorded (or released / forfeited) it, if any
 * @param chunk the chunk it is paid in, -1 when unknown (an entry rebuilt from events of a finished cycle)
 */
public record StoredRewardEntry(String cycleId, RewardLine entry, RewardStatus status, String txId, int chunk) {}
