package org.poxledger.contract.model;

import java.util.List;

/**
 * The parsed {@code chunkJson} argument of {@code rewards:PayRewardChunk}.
 *
 * @param cycleId the cycle
 * @param policyVersion the policy the cycle used
 * @param merkleRoot root over all the cycle's entries
 * @param cycleStart start of the interval (inclusive), epoch milliseconds
 * @param cycleEnd end of the interval (exclusive), epoch milliseconds
 * @param entryCount entries in the whole cycle
 * @param entries this chunk's entries
 */
public record RewardChunk(
        String cycleId,
        int policyVersion,
        String merkleRoot,
        long cycleStart,
        long cycleEnd,
        int entryCount,
        List<RewardLine> entries) {

    public RewardChunk {
        entries = List.copyOf(entries);
    }
}
