package org.poxledger.platform.reward;

/**
 * A reward entry as the ledger records it ({@code rewards:GetRewardEntry}, chunk events, hold transactions).
 *
 * @param cycleId the cycle
 * @param entry the six hashed fields
 * @param status PAID, HELD, RELEASED or FORFEITED
 * @param txId the transaction that recorded, released or forfeited it
 */
public record LedgerRewardEntry(String cycleId, RewardEntry entry, RewardStatus status, String txId) {}
