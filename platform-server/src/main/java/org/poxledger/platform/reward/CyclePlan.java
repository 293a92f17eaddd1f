package org.poxledger.platform.reward;

/**
 * A closed reward cycle as stored in Neo4j: what it covers, under which policy, and how far its payment got.
 *
 * @param cycleId the on-chain cycle id, {@code cycle-000001}, ...
 * @param seq 1, 2, 3, ...: cycles are numbered in closing order
 * @param cycleStart first registration time covered (inclusive), epoch milliseconds
 * @param cycleEnd end of the range (exclusive); levels are taken as of this instant
 * @param policyVersion the policy the entries were computed with
 * @param merkleRoot hex Merkle root over all entries
 * @param entryCount entries in the cycle
 * @param totalAmount sum of all entries' amounts
 * @param chunkSize entries per {@code PayRewardChunk} transaction
 * @param state payment state
 * @param lastError why the last run stopped early, if it did
 * @param createdAt when the cycle was closed, epoch milliseconds
 * @param createdBy who closed it ({@code ledger} for a cycle rebuilt from chaincode events)
 */
public record CyclePlan(
        String cycleId,
        long seq,
        long cycleStart,
        long cycleEnd,
        int policyVersion,
        String merkleRoot,
        int entryCount,
        long totalAmount,
        int chunkSize,
        CycleState state,
        String lastError,
        long createdAt,
        String createdBy) {

    /** @return how many chunks the entries take */
    public int chunkCount() {
        return chunkSize <= 0 ? 0 : (entryCount + chunkSize - 1) / chunkSize;
    }
}
