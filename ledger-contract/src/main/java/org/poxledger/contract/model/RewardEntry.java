package org.poxledger.contract.model;

/**
 * One member's reward in one cycle, as computed off-chain and recorded on-chain (DESIGN §6).
 *
 * @param amount minted minor units
 * @param cycleId the cycle
 * @param events expansion events credited to the member in the cycle
 * @param level the member's level at the cycle's end
 * @param memberId the member
 * @param paidTxId the transaction that recorded the entry, or that released it
 * @param rateBps the level's rate
 * @param scoreBps the member's score at the cycle's end
 * @param status PAID, HELD, RELEASED or FORFEITED
 */
public record RewardEntry(
        long amount,
        String cycleId,
        long events,
        int level,
        String memberId,
        String paidTxId,
        int rateBps,
        long scoreBps,
        RewardStatus status) {

    /**
     * @param newStatus the status to move to
     * @param txId the transaction making the change
     * @return this entry with the new status and transaction
     */
    public RewardEntry withStatus(final RewardStatus newStatus, final String txId) {
        return new RewardEntry(amount, cycleId, events, level, memberId, txId, rateBps, scoreBps, newStatus);
    }
}
